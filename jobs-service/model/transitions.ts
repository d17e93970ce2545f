import { jobStatuses, progressStatuses, type JobStatus } from './job-status.js';

/**
 * THE job state machine: for each state, the states it may change to. Every status change of the
 * service is checked against this table (by `changeStatus`, in SQL), and docs/jobs-service/states.md
 * documents it. Changing a row here changes what the service allows.
 *
 * - The forward path is seed 002's: PENDING ... ARCHIVING -> FINISHED, with three short cuts:
 *   nothing to stage (PROCESSING_INPUTS -> STAGED), an execution system without a batch queue
 *   (SUBMITTING -> RUNNING) and a run that ended between two status checks (QUEUED -> CLEANING_UP),
 *   and nothing to archive (CLEANING_UP -> FINISHED).
 * - Any state that is not terminal may be STOPPED (cancel) or FAILED.
 * - Any progress state may become BLOCKED (a transient error: recovery) or PAUSED; both return to
 *   any progress state, normally the one they left.
 * - ACCEPTED only becomes PENDING: the intake worker does that when it records the job.
 * - FINISHED, STOPPED and FAILED are terminal. No state changes to itself; a progress message
 *   without a change of state is not a transition.
 */
const forward: Readonly<Record<string, readonly JobStatus[]>> = {
  ACCEPTED: ['PENDING'],
  PENDING: ['PROCESSING_INPUTS'],
  PROCESSING_INPUTS: ['STAGING_INPUTS', 'STAGED'],
  STAGING_INPUTS: ['STAGED'],
  STAGED: ['STAGING_JOB'],
  STAGING_JOB: ['SUBMITTING'],
  SUBMITTING: ['QUEUED', 'RUNNING'],
  QUEUED: ['RUNNING', 'CLEANING_UP'],
  RUNNING: ['CLEANING_UP'],
  CLEANING_UP: ['ARCHIVING', 'FINISHED'],
  ARCHIVING: ['FINISHED'],
};

function targetsOf(from: JobStatus): JobStatus[] {
  if (from === 'FINISHED' || from === 'STOPPED' || from === 'FAILED') return [];
  if (from === 'ACCEPTED') return [...forward['ACCEPTED']!];
  if (from === 'BLOCKED' || from === 'PAUSED') return [...progressStatuses, 'STOPPED', 'FAILED'];
  return [...(forward[from] ?? []), 'BLOCKED', 'PAUSED', 'STOPPED', 'FAILED'];
}

/** Each state and the states it may change to. */
export const transitions: ReadonlyMap<JobStatus, ReadonlySet<JobStatus>> = new Map(
  jobStatuses.map((from) => [from, new Set(targetsOf(from))]),
);

/** Each state and the states it may be reached from: the `status = ANY(...)` of the conditional UPDATE. */
export const legalPredecessors: ReadonlyMap<JobStatus, readonly JobStatus[]> = new Map(
  jobStatuses.map((to) => [to, jobStatuses.filter((from) => transitions.get(from)!.has(to))]),
);

export function isLegalTransition(from: JobStatus, to: JobStatus): boolean {
  return transitions.get(from)?.has(to) ?? false;
}
