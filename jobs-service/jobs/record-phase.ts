/**
 * A phase's record as one statement: its status change with the history row (only from a legal
 * predecessor, as `changeStatus` does), the job fields it learned, and its checkpoint in the work
 * queue (only under the worker's lease), all or nothing. One statement instead of a transaction of
 * four or five: a job goes through about ten phases, and this is most of its database work.
 *
 * A phase resumed after a crash repeats its status change; finding the job already in that status
 * is not an error (the fields and checkpoint are still written, the history gets no second row).
 */
import type { Queryable } from '../database/database.js';
import { isJobStatus, isTerminal, type JobStatus } from '../model/job-status.js';
import { legalPredecessors } from '../model/transitions.js';
import { ServiceError } from '../errors/service-error.js';
import { IllegalTransitionError } from '../state/illegal-transition-error.js';
import { LeaseLostError } from '../worker/work-queue.js';
import type { LifecycleState } from './active-job.js';

/** The job model's fields a phase may record besides the status (seed 002). */
export interface JobFieldUpdate {
  readonly workPath?: string;
  readonly remoteJobId?: string;
  /** Times keep the first value recorded: a resumed phase does not move them. */
  readonly remoteSubmitted?: Date;
  readonly remoteStarted?: Date;
  readonly remoteEnded?: Date;
  readonly remoteOutcome?: 'FINISHED' | 'FAILED' | 'FAILED_SKIP_ARCHIVE';
  /** Adds one to remoteStatusChecks and sets lastStatusCheck to now. */
  readonly statusChecked?: boolean;
}

/** What one phase writes. */
export interface PhaseWrite {
  readonly jobUuid: string;
  readonly lease: string;
  /** The status the phase enters, with its message; none: the status stays. */
  readonly step?: { readonly to: JobStatus; readonly message: string };
  readonly fields?: JobFieldUpdate;
  readonly resumeAt: string;
  readonly state: LifecycleState;
  /** Give up the lease and make the job due again after this many milliseconds (a parked monitor). */
  readonly parkForMs?: number;
}

// `current` locks the job's row and reads its status before anything changes; every other part
// depends on it being allowed, so an illegal change writes nothing at all.
const RECORD_PHASE_SQL = `
WITH current AS (
  SELECT status FROM jobs WHERE uuid = $1 FOR UPDATE
), allowed AS (
  SELECT status FROM current WHERE $5::text IS NULL OR status = $5::text OR status = ANY($7::text[])
), lease AS (
  UPDATE work_queue SET resume_at = $3, state = $4::jsonb, attempts = 0,
    lease_owner = CASE WHEN $8::boolean THEN NULL ELSE lease_owner END,
    lease_expires_at = CASE WHEN $8::boolean THEN NULL ELSE lease_expires_at END,
    run_after = CASE WHEN $8::boolean THEN clock_timestamp() + make_interval(secs => $9::double precision / 1000) ELSE run_after END
  WHERE job_uuid = $1 AND lease_owner = $2 AND EXISTS (SELECT 1 FROM allowed)
  RETURNING job_uuid
), changed AS (
  UPDATE jobs j SET
    previous_status = CASE WHEN $5::text IS NOT NULL AND c.status <> $5::text THEN c.status ELSE j.previous_status END,
    status = coalesce($5::text, j.status),
    last_status_message = CASE WHEN $5::text IS NOT NULL AND c.status <> $5::text THEN $6::text ELSE j.last_status_message END,
    last_updated = clock_timestamp(),
    blocked_count = j.blocked_count + CASE WHEN $5::text = 'BLOCKED' AND c.status <> 'BLOCKED' THEN 1 ELSE 0 END,
    ended = CASE WHEN $10::boolean THEN coalesce(j.ended, clock_timestamp()) ELSE j.ended END,
    work_path = coalesce($11::text, j.work_path),
    remote_job_id = coalesce($12::text, j.remote_job_id),
    remote_submitted = coalesce(j.remote_submitted, $13::timestamptz),
    remote_started = coalesce(j.remote_started, $14::timestamptz),
    remote_ended = coalesce(j.remote_ended, $15::timestamptz),
    remote_outcome = coalesce($16::text, j.remote_outcome),
    remote_status_checks = j.remote_status_checks + CASE WHEN $17::boolean THEN 1 ELSE 0 END,
    last_status_check = CASE WHEN $17::boolean THEN clock_timestamp() ELSE j.last_status_check END
  FROM current c
  WHERE j.uuid = $1 AND EXISTS (SELECT 1 FROM lease)
  RETURNING j.uuid, c.status AS from_status, j.status AS to_status, j.last_updated
), history AS (
  INSERT INTO job_history (job_uuid, from_status, to_status, message, created)
  SELECT uuid, from_status, to_status, $6::text, last_updated FROM changed WHERE $5::text IS NOT NULL AND from_status <> to_status
  RETURNING 1
)
SELECT (SELECT status FROM current) AS current, (SELECT count(*) FROM lease)::int AS leased, (SELECT count(*) FROM history)::int AS changed`;

function parameters(write: PhaseWrite): unknown[] {
  const { step, fields = {} } = write;
  return [
    write.jobUuid,
    write.lease,
    write.resumeAt,
    JSON.stringify(write.state),
    step?.to ?? null,
    step?.message ?? '',
    step === undefined ? [] : (legalPredecessors.get(step.to) ?? []),
    write.parkForMs !== undefined,
    write.parkForMs ?? 0,
    step !== undefined && isTerminal(step.to),
    fields.workPath ?? null,
    fields.remoteJobId ?? null,
    fields.remoteSubmitted ?? null,
    fields.remoteStarted ?? null,
    fields.remoteEnded ?? null,
    fields.remoteOutcome ?? null,
    fields.statusChecked === true,
  ];
}

/** Writes a phase's record; see the file comment. Throws IllegalTransitionError, LeaseLostError, or JOBS_NOT_FOUND. */
export async function recordPhase(db: Queryable, write: PhaseWrite): Promise<void> {
  const { rows } = await db.query<{ current: string | null; leased: number }>(RECORD_PHASE_SQL, parameters(write));
  const { current, leased } = rows[0] ?? { current: null, leased: 0 };
  if (leased === 1) return;
  if (current === null || !isJobStatus(current)) throw new ServiceError('JOBS_NOT_FOUND', `There is no job ${write.jobUuid}.`);
  const to = write.step?.to;
  if (to !== undefined && current !== to && !(legalPredecessors.get(to) ?? []).includes(current)) throw new IllegalTransitionError(write.jobUuid, current, to);
  throw new LeaseLostError(write.jobUuid, write.lease);
}
