import type { Caller } from '../access/caller.js';
import type { Database } from '../database/database.js';
import { ServiceError } from '../errors/service-error.js';
import { isTerminal, type JobStatus } from '../model/job-status.js';
import { changeStatus } from '../state/change-status.js';
import { WORK_CHANNEL } from '../intake/promote-accepted.js';
import { findRecordedJob } from './find-job.js';

/** The channel that tells the worker holding a job to stop it; the payload is the job's UUID. */
export const CANCEL_CHANNEL = 'jobfloor_cancel';

/** What a cancel did: stopped the job at once, or asked the worker that holds it to stop it. */
export interface CancelOutcome {
  readonly uuid: string;
  readonly stopped: boolean;
  readonly status: JobStatus;
  readonly message: string;
}

/**
 * Cancels a job (seed 002: any state but ACCEPTED and the terminal ones). The request is recorded
 * on the job. A job that no worker holds (waiting on its queue, or held by a worker whose lease
 * has run out) and whose app was never started is removed from the queue and STOPPED in the same
 * transaction, so it never runs. A job that a worker holds is left to that worker, which is told
 * through NOTIFY and stops it; a parked job whose app was started is made due at once, so that a
 * worker ends the app's run before the job is STOPPED.
 */
export async function cancelJob(db: Database, caller: Caller, uuid: string): Promise<CancelOutcome> {
  return db.transaction(async (tx) => {
    const job = await findRecordedJob(tx, caller, uuid, 'cancel', { forUpdate: true });
    const status = job.status as JobStatus;
    if (isTerminal(status)) {
      throw new ServiceError('JOBS_ACTION_REFUSED', `Job ${uuid} is already ${status}; a job in a terminal state cannot be cancelled.`);
    }
    await tx.query('UPDATE jobs SET cancel_requested_at = coalesce(cancel_requested_at, clock_timestamp()) WHERE uuid = $1', [uuid]);
    const { rows: queued } = await tx.query<{ held: boolean; tenant_queue: string; launched: boolean }>(
      `SELECT lease_owner IS NOT NULL AND lease_expires_at > clock_timestamp() AS held, tenant_queue, state ? 'launch' AS launched
       FROM work_queue WHERE job_uuid = $1`,
      [uuid],
    );
    const entry = queued[0];
    if (entry?.held === true) {
      await tx.query(`SELECT pg_notify('${CANCEL_CHANNEL}', $1::text)`, [uuid]);
      const message = `Cancel requested by ${caller.userId}; the worker running the job stops it.`;
      return { uuid, stopped: false, status, message };
    }
    if (entry?.launched === true) {
      // A parked job whose app may still run: a worker takes it now, ends the run and stops the job.
      await tx.query('UPDATE work_queue SET run_after = clock_timestamp() WHERE job_uuid = $1', [uuid]);
      await tx.query(`SELECT pg_notify('${WORK_CHANNEL}', $1::text)`, [entry.tenant_queue]);
      const message = `Cancel requested by ${caller.userId}; a worker ends the job's run and stops it.`;
      return { uuid, stopped: false, status, message };
    }
    await tx.query('DELETE FROM work_queue WHERE job_uuid = $1', [uuid]);
    const message = `Cancelled by ${caller.userId} while ${status}; no worker was running it.`;
    await changeStatus(tx, uuid, 'STOPPED', message);
    return { uuid, stopped: true, status: 'STOPPED', message };
  });
}
