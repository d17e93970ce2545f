/**
 * The job model's fields that the lifecycle keeps besides the status (seed 002): where the job
 * runs, its remote id and times, and the monitor's counters. Written in the transaction of the
 * phase that learns them; the column list is fixed here, never taken from input.
 */
import type { Queryable } from '../database/database.js';

/** The fields a phase may record; times are ISO 8601 strings or Date. */
export interface JobFieldUpdate {
  readonly workPath?: string;
  readonly remoteJobId?: string;
  readonly remoteSubmitted?: Date;
  readonly remoteStarted?: Date;
  readonly remoteEnded?: Date;
  readonly remoteOutcome?: 'FINISHED' | 'FAILED' | 'FAILED_SKIP_ARCHIVE';
  /** Adds one to remoteStatusChecks and sets lastStatusCheck to now. */
  readonly statusChecked?: boolean;
  /** Adds one to failedStatusChecks. */
  readonly statusCheckFailed?: boolean;
  /** Adds one to submitRetries. */
  readonly submitRetried?: boolean;
}

const columns: Record<'workPath' | 'remoteJobId' | 'remoteSubmitted' | 'remoteStarted' | 'remoteEnded' | 'remoteOutcome', string> = {
  workPath: 'work_path',
  remoteJobId: 'remote_job_id',
  remoteSubmitted: 'remote_submitted',
  remoteStarted: 'remote_started',
  remoteEnded: 'remote_ended',
  remoteOutcome: 'remote_outcome',
};

const counters: Record<'statusChecked' | 'statusCheckFailed' | 'submitRetried', string> = {
  statusChecked: 'remote_status_checks = remote_status_checks + 1, last_status_check = clock_timestamp()',
  statusCheckFailed: 'failed_status_checks = failed_status_checks + 1',
  submitRetried: 'submit_retries = submit_retries + 1',
};

/** Records `update` on the job; does nothing when it is empty. */
export async function recordJobFields(tx: Queryable, jobUuid: string, update: JobFieldUpdate): Promise<void> {
  const assignments: string[] = [];
  const params: unknown[] = [jobUuid];
  for (const [field, column] of Object.entries(columns)) {
    const value = update[field as keyof typeof columns];
    if (value === undefined) continue;
    params.push(value);
    // Times keep the first value recorded: a resumed phase does not move remoteStarted.
    const isTime = value instanceof Date;
    assignments.push(isTime ? `${column} = coalesce(${column}, $${params.length})` : `${column} = $${params.length}`);
  }
  for (const [flag, assignment] of Object.entries(counters)) if (update[flag as keyof typeof counters] === true) assignments.push(assignment);
  if (assignments.length === 0) return;
  await tx.query(`UPDATE jobs SET ${assignments.join(', ')}, last_updated = clock_timestamp() WHERE uuid = $1`, params);
}
