import type { Caller } from '../access/caller.js';
import type { Database } from '../database/database.js';
import { ServiceError } from '../errors/service-error.js';
import { isTerminal, type JobStatus } from '../model/job-status.js';
import { changeStatus } from '../state/change-status.js';
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
 * has run out) is removed from the queue and STOPPED in the same transaction, so it never runs.
 * A job that a worker holds is left to that worker, which is told through NOTIFY and stops it.
 */
export async function cancelJob(db: Database, caller: Caller, uuid: string): Promise<CancelOutcome> {
  return db.transaction(async (tx) => {
    const job = await findRecordedJob(tx, caller, uuid, 'cancel', { forUpdate: true });
    const status = job.status as JobStatus;
    if (isTerminal(status)) {
      throw new ServiceError('JOBS_ACTION_REFUSED', `Job ${uuid} is already ${status}; a job in a terminal state cannot be cancelled.`);
    }
    await tx.query('UPDATE jobs SET cancel_requested_at = coalesce(cancel_requested_at, clock_timestamp()) WHERE uuid = $1', [uuid]);
    const held = await tx.query(
      `SELECT 1 FROM work_queue WHERE job_uuid = $1 AND lease_owner IS NOT NULL AND lease_expires_at > clock_timestamp()`,
      [uuid],
    );
    if (held.rows.length > 0) {
      await tx.query(`SELECT pg_notify('${CANCEL_CHANNEL}', $1::text)`, [uuid]);
      const message = `Cancel requested by ${caller.userId}; the worker running the job stops it.`;
      return { uuid, stopped: false, status, message };
    }
    await tx.query('DELETE FROM work_queue WHERE job_uuid = $1', [uuid]);
    const message = `Cancelled by ${caller.userId} while ${status}; no worker was running it.`;
    await changeStatus(tx, uuid, 'STOPPED', message);
    return { uuid, stopped: true, status: 'STOPPED', message };
  });
}
