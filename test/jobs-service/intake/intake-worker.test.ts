import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { acceptSubmission } from '../../../jobs-service/intake/accept-submission.js';
import { IntakeWorker } from '../../../jobs-service/intake/intake-worker.js';
import type { PromotedJob } from '../../../jobs-service/intake/promote-accepted.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';
import { newJob } from '../../support/service-jobs.js';

const silent = pino({ level: 'silent' });

describe.each(engines)('the intake on %s', (engine) => {
  const service = useServiceDatabase(engine);

  async function statusOf(uuid: string): Promise<string | undefined> {
    const { rows } = await service.db.query<{ status: string }>('SELECT status FROM jobs WHERE uuid = $1', [uuid]);
    return rows[0]?.status;
  }

  it('makes submissions accepted while no worker ran into PENDING jobs when a worker starts', async () => {
    const waiting = [];
    for (let i = 0; i < 5; i += 1) waiting.push((await acceptSubmission(service.db, newJob({ name: `early-${i}` }))).uuid);
    const worker = new IntakeWorker({ db: service.db, logger: silent, batchSize: 2, sweepIntervalMs: 60_000 });
    await worker.start();
    for (const uuid of waiting) expect(await statusOf(uuid)).toBe('PENDING');
    await worker.stop();
  });

  it('is woken by the NOTIFY of each submission and records the history and the queue entry', async () => {
    const promoted: PromotedJob[] = [];
    const worker = new IntakeWorker({ db: service.db, logger: silent, batchSize: 100, sweepIntervalMs: 60_000, onPromoted: (jobs) => promoted.push(...jobs) });
    await worker.start();
    const { uuid } = await acceptSubmission(service.db, newJob({ tenantQueue: 'jobfloor.jobq.acme.submit.Fast' }));
    await expect.poll(() => statusOf(uuid)).toBe('PENDING');
    const history = await service.db.query('SELECT from_status, to_status FROM job_history WHERE job_uuid = $1 ORDER BY id', [uuid]);
    expect(history.rows).toEqual([{ from_status: null, to_status: 'ACCEPTED' }, { from_status: 'ACCEPTED', to_status: 'PENDING' }]);
    const queue = await service.db.query('SELECT tenant_queue, resume_at, lease_owner FROM work_queue WHERE job_uuid = $1', [uuid]);
    expect(queue.rows).toEqual([{ tenant_queue: 'jobfloor.jobq.acme.submit.Fast', resume_at: null, lease_owner: null }]);
    expect(promoted.find((job) => job.uuid === uuid)!.created.getTime()).toBeGreaterThanOrEqual(promoted[0]!.accepted.getTime());
    await worker.stop();
  });

  it('copies every field of the resolved job into the job row', async () => {
    const worker = new IntakeWorker({ db: service.db, logger: silent, batchSize: 100, sweepIntervalMs: 60_000 });
    await worker.start();
    const job = newJob({ archive: true, archivePath: 'out/x', archiveSystem: 'store', nodeCount: 2, processorsPerNode: 4,
      memoryPerNode: 1.5, maxHours: 0.25, remoteQueue: 'normal', inputs: { a: 'http://x/a' }, parameters: { n: 3 },
      notifications: [{ event: '*', persistent: true, url: 'http://hook' }] });
    const { uuid } = await acceptSubmission(service.db, job);
    await expect.poll(() => statusOf(uuid)).toBe('PENDING');
    const { rows } = await service.db.query('SELECT * FROM jobs WHERE uuid = $1', [uuid]);
    expect(rows[0]).toMatchObject({ archive: true, archive_path: 'out/x', archive_system: 'store', node_count: 2,
      processors_per_node: 4, memory_per_node: 1.5, max_hours: 0.25, remote_queue: 'normal', inputs: { a: 'http://x/a' },
      parameters: { n: 3 }, notifications: job.notifications, request: job.request, visible: true, blocked_count: 0 });
    expect(rows[0]!['update_token']).toMatch(/^[0-9a-f]{64}$/);
    await worker.stop();
  });
});
