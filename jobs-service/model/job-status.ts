/**
 * The job states of seed 002. ACCEPTED is the state of a submission that the service has stored
 * but not yet recorded as a job; every other state is a row of the `jobs` table.
 */

/** The states a job passes through while it makes progress, in order (ACCEPTED and the terminal states excluded). */
export const progressStatuses = [
  'PENDING',
  'PROCESSING_INPUTS',
  'STAGING_INPUTS',
  'STAGED',
  'STAGING_JOB',
  'SUBMITTING',
  'QUEUED',
  'RUNNING',
  'CLEANING_UP',
  'ARCHIVING',
] as const;

/** Every state: ACCEPTED, the progress states, the terminal ones, and the two a job waits in. */
export const jobStatuses = ['ACCEPTED', ...progressStatuses, 'FINISHED', 'STOPPED', 'FAILED', 'BLOCKED', 'PAUSED'] as const;

export type JobStatus = (typeof jobStatuses)[number];

/** States a job never leaves. */
export const terminalStatuses: ReadonlySet<JobStatus> = new Set(['FINISHED', 'STOPPED', 'FAILED']);

export function isJobStatus(value: string): value is JobStatus {
  return (jobStatuses as readonly string[]).includes(value);
}

export function isTerminal(status: JobStatus): boolean {
  return terminalStatuses.has(status);
}
