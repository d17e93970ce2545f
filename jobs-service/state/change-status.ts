import { ServiceError } from '../errors/service-error.js';
import type { Queryable } from '../database/database.js';
import { isJobStatus, isTerminal, type JobStatus } from '../model/job-status.js';
import { legalPredecessors } from '../model/transitions.js';
import { IllegalTransitionError } from './illegal-transition-error.js';

/** A status change that happened: the job, the state it left, the state it entered, and when. */
export interface StatusChange {
  readonly jobUuid: string;
  readonly from: JobStatus;
  readonly to: JobStatus;
  readonly message: string;
  readonly at: Date;
}

// One statement changes the status and writes the history row, so there is no moment in which
// one exists without the other. The UPDATE is conditional on the current status being a legal
// predecessor of the new one; of two concurrent changes, the second re-evaluates that condition
// after the first commits and changes nothing when the first made it illegal. `previous_status`
// captures the state being left (SET reads the old row), which RETURNING then reports.
const CHANGE_STATUS_SQL = `
WITH changed AS (
  UPDATE jobs SET
    previous_status = status,
    status = $2::text,
    last_status_message = $3::text,
    last_updated = clock_timestamp(),
    blocked_count = blocked_count + CASE WHEN $2::text = 'BLOCKED' THEN 1 ELSE 0 END,
    ended = CASE WHEN $5::boolean THEN coalesce(ended, clock_timestamp()) ELSE ended END
  WHERE uuid = $1 AND status = ANY($4::text[])
  RETURNING uuid, previous_status, status, last_updated
)
INSERT INTO job_history (job_uuid, from_status, to_status, message, created)
SELECT uuid, previous_status, status, $3::text, last_updated FROM changed
RETURNING from_status, created`;

/**
 * Changes a job's status, if the state machine allows it from the job's current state, and
 * records the change in the job's history; both in one statement of the caller's transaction.
 * Throws {@link IllegalTransitionError} naming both states when the change is not allowed, and a
 * JOBS_NOT_FOUND ServiceError when there is no such job.
 */
export async function changeStatus(tx: Queryable, jobUuid: string, to: JobStatus, message: string): Promise<StatusChange> {
  const predecessors = legalPredecessors.get(to) ?? [];
  const { rows } = await tx.query<{ from_status: string; created: Date }>(CHANGE_STATUS_SQL, [
    jobUuid,
    to,
    message,
    predecessors,
    isTerminal(to),
  ]);
  const row = rows[0];
  if (row !== undefined) return { jobUuid, from: row.from_status as JobStatus, to, message, at: row.created };
  throw await refusal(tx, jobUuid, to);
}

/** Why nothing changed: the job is missing, or its current state does not lead to `to`. */
async function refusal(tx: Queryable, jobUuid: string, to: JobStatus): Promise<ServiceError> {
  const { rows } = await tx.query<{ status: string }>('SELECT status FROM jobs WHERE uuid = $1', [jobUuid]);
  const current = rows[0]?.status;
  if (current === undefined || !isJobStatus(current)) return new ServiceError('JOBS_NOT_FOUND', `There is no job ${jobUuid}.`);
  return new IllegalTransitionError(jobUuid, current, to);
}
