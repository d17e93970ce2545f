import { describe, expect, it } from 'vitest';
import { recordPhase } from '../../../jobs-service/jobs/record-phase.js';
import type { JobStatus } from '../../../jobs-service/model/job-status.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';
import { insertJob } from '../../support/service-jobs.js';

describe.each(engines)('recording a lifecycle phase in one statement on %s', (engine) => {
  const database = useServiceDatabase(engine);

  async function leasedJob(status: JobStatus): Promise<string> {
    const { db } = database;
    const uuid = await insertJob(db, status);
    await db.query(`UPDATE work_queue SET lease_owner = 'me', lease_expires_at = now() + interval '1 minute' WHERE job_uuid = $1`, [uuid]);
    return uuid;
  }

  async function rowOf(uuid: string) {
    const { db } = database;
    const { rows } = await db.query<{ status: string; remote_job_id: string | null; remote_status_checks: number; resume_at: string | null; state: unknown; lease_owner: string | null; history: number }>(
      `SELECT j.status, j.remote_job_id, j.remote_status_checks, q.resume_at, q.state, q.lease_owner,
              (SELECT count(*)::int FROM job_history h WHERE h.job_uuid = j.uuid) AS history
       FROM jobs j LEFT JOIN work_queue q ON q.job_uuid = j.uuid WHERE j.uuid = $1`,
      [uuid],
    );
    return rows[0]!;
  }

  it('changes the status with a history row, records the fields and the checkpoint together', async () => {
    const uuid = await leasedJob('SUBMITTING');
    await recordPhase(database.db, { jobUuid: uuid, lease: 'me', step: { to: 'QUEUED', message: 'queued' }, fields: { remoteJobId: 'sim:1', statusChecked: true }, resumeAt: 'monitor', state: { simStep: 2 } });
    expect(await rowOf(uuid)).toMatchObject({ status: 'QUEUED', remote_job_id: 'sim:1', remote_status_checks: 1, resume_at: 'monitor', state: { simStep: 2 }, lease_owner: 'me', history: 3 });
  });

  it('repeats a resumed phase without a second history row, still recording fields and checkpoint', async () => {
    const uuid = await leasedJob('RUNNING');
    await recordPhase(database.db, { jobUuid: uuid, lease: 'me', step: { to: 'RUNNING', message: 'again' }, fields: { statusChecked: true }, resumeAt: 'monitor', state: {} });
    expect(await rowOf(uuid)).toMatchObject({ status: 'RUNNING', remote_status_checks: 1, resume_at: 'monitor', history: 2 });
  });

  it('refuses an illegal change naming both states and writes nothing', async () => {
    const uuid = await leasedJob('PENDING');
    await expect(recordPhase(database.db, { jobUuid: uuid, lease: 'me', step: { to: 'RUNNING', message: 'no' }, fields: { remoteJobId: 'x' }, resumeAt: 'monitor', state: { simStep: 9 } })).rejects.toThrow(/PENDING to RUNNING/);
    expect(await rowOf(uuid)).toMatchObject({ status: 'PENDING', remote_job_id: null, resume_at: null, history: 2 });
  });

  it('refuses a worker that no longer holds the lease and writes nothing', async () => {
    const uuid = await leasedJob('STAGED');
    await expect(recordPhase(database.db, { jobUuid: uuid, lease: 'someone-else', step: { to: 'STAGING_JOB', message: 'x' }, resumeAt: 'submit', state: {} })).rejects.toMatchObject({ code: 'JOBS_LEASE_LOST' });
    expect(await rowOf(uuid)).toMatchObject({ status: 'STAGED', resume_at: null, history: 2 });
  });

  it('parks the job: the lease is given up and the job is due after the delay', async () => {
    const uuid = await leasedJob('QUEUED');
    await recordPhase(database.db, { jobUuid: uuid, lease: 'me', step: { to: 'RUNNING', message: 'running' }, resumeAt: 'monitor', state: { nextCheckMs: 60_000 }, parkForMs: 60_000 });
    const { rows } = await database.db.query<{ lease_owner: string | null; wait: number }>(`SELECT lease_owner, extract(epoch FROM run_after - now())::float8 AS wait FROM work_queue WHERE job_uuid = $1`, [uuid]);
    expect(rows[0]!.lease_owner).toBeNull();
    expect(rows[0]!.wait).toBeGreaterThan(30);
    expect((await rowOf(uuid)).status).toBe('RUNNING');
  });
});
