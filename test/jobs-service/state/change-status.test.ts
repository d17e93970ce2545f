import { describe, expect, it } from 'vitest';
import { jobStatuses, type JobStatus } from '../../../jobs-service/model/job-status.js';
import { isLegalTransition, transitions } from '../../../jobs-service/model/transitions.js';
import { changeStatus } from '../../../jobs-service/state/change-status.js';
import { IllegalTransitionError } from '../../../jobs-service/state/illegal-transition-error.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';
import { insertJob } from '../../support/service-jobs.js';

// Every pair of states the jobs table can hold (ACCEPTED is not a row of it).
const rowStates = jobStatuses.filter((status) => status !== 'ACCEPTED');
const pairs = rowStates.flatMap((from) => rowStates.map((to) => [from, to] as [JobStatus, JobStatus]));
const legal = pairs.filter(([from, to]) => isLegalTransition(from, to));
const illegal = pairs.filter(([from, to]) => !isLegalTransition(from, to));

describe('the transition table', () => {
  it('follows the seed: terminal states lead nowhere, the happy path is legal, nothing changes to itself', () => {
    for (const terminal of ['FINISHED', 'STOPPED', 'FAILED'] as const) expect(transitions.get(terminal)!.size).toBe(0);
    const happy: JobStatus[] = ['ACCEPTED', 'PENDING', 'PROCESSING_INPUTS', 'STAGING_INPUTS', 'STAGED', 'STAGING_JOB',
      'SUBMITTING', 'QUEUED', 'RUNNING', 'CLEANING_UP', 'ARCHIVING', 'FINISHED'];
    for (let i = 1; i < happy.length; i += 1) expect(isLegalTransition(happy[i - 1]!, happy[i]!)).toBe(true);
    for (const status of jobStatuses) expect(isLegalTransition(status, status)).toBe(false);
    expect(isLegalTransition('ACCEPTED', 'STOPPED')).toBe(false);
  });
});

describe.each(engines)('changing status on %s', (engine) => {
  const service = useServiceDatabase(engine);

  it(`allows each of the ${legal.length} legal transitions and records it in the history`, async () => {
    for (const [from, to] of legal) {
      const uuid = await insertJob(service.db, from);
      const change = await service.db.transaction((tx) => changeStatus(tx, uuid, to, `to ${to}`));
      expect(change).toMatchObject({ from, to, message: `to ${to}` });
      const { rows } = await service.db.query<{ status: string; ended: Date | null }>('SELECT status, ended FROM jobs WHERE uuid = $1', [uuid]);
      expect(rows[0]!.status).toBe(to);
      expect(rows[0]!.ended !== null).toBe(['FINISHED', 'STOPPED', 'FAILED'].includes(to));
      const history = await service.db.query('SELECT from_status, to_status, message FROM job_history WHERE job_uuid = $1 ORDER BY id DESC LIMIT 1', [uuid]);
      expect(history.rows[0]).toEqual({ from_status: from, to_status: to, message: `to ${to}` });
    }
  });

  it(`refuses each of the ${illegal.length} illegal transitions, naming both states, and writes nothing`, async () => {
    for (const [from, to] of illegal) {
      const uuid = await insertJob(service.db, from);
      const attempt = service.db.transaction((tx) => changeStatus(tx, uuid, to, 'nope'));
      await expect(attempt).rejects.toBeInstanceOf(IllegalTransitionError);
      await expect(attempt).rejects.toThrow(`cannot change from ${from} to ${to}`);
      const { rows } = await service.db.query<{ status: string; n: number }>(
        'SELECT status, (SELECT count(*)::int FROM job_history WHERE job_uuid = $1) AS n FROM jobs WHERE uuid = $1', [uuid]);
      expect(rows[0]).toEqual({ status: from, n: 2 }); // only ACCEPTED and PENDING
    }
  });

  it('counts every entry into BLOCKED', async () => {
    const uuid = await insertJob(service.db, 'RUNNING');
    for (const step of ['BLOCKED', 'RUNNING', 'BLOCKED', 'RUNNING'] as const) {
      await service.db.transaction((tx) => changeStatus(tx, uuid, step, step));
    }
    const { rows } = await service.db.query('SELECT blocked_count FROM jobs WHERE uuid = $1', [uuid]);
    expect(rows[0]).toEqual({ blocked_count: 2 });
  });

  it('lets exactly one of two concurrent conflicting changes win', async () => {
    for (let round = 0; round < 10; round += 1) {
      const uuid = await insertJob(service.db, 'RUNNING');
      const outcomes = await Promise.allSettled([
        service.db.transaction((tx) => changeStatus(tx, uuid, 'FAILED', 'failed')),
        service.db.transaction((tx) => changeStatus(tx, uuid, 'STOPPED', 'cancelled')),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const loser = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(IllegalTransitionError);
      const { rows } = await service.db.query('SELECT count(*)::int AS n FROM job_history WHERE job_uuid = $1', [uuid]);
      expect(rows[0]).toEqual({ n: 3 });
    }
  });

  it('says when there is no such job', async () => {
    await expect(service.db.transaction((tx) => changeStatus(tx, '00000000-0000-4000-8000-00000000dead', 'FAILED', 'x')))
      .rejects.toMatchObject({ code: 'JOBS_NOT_FOUND' });
  });
});
