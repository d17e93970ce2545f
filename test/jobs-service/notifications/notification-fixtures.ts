import { pino, type Logger } from 'pino';
import type { Database, Queryable } from '../../../jobs-service/database/database.js';
import type { JobStatus } from '../../../jobs-service/model/job-status.js';
import type { JobNotification } from '../../../jobs-service/model/new-job.js';
import { changeStatus } from '../../../jobs-service/state/change-status.js';
import { insertJob } from '../../support/service-jobs.js';

/** The happy path of seed 002 after PENDING. */
export const happyPath: readonly JobStatus[] = [
  'PROCESSING_INPUTS', 'STAGING_INPUTS', 'STAGED', 'STAGING_JOB', 'SUBMITTING', 'QUEUED', 'RUNNING', 'CLEANING_UP', 'ARCHIVING', 'FINISHED',
];

/** A PENDING job (ACCEPTED and PENDING in its history) with these notifications. */
export function jobWith(db: Queryable, notifications: JobNotification[], name = 'test-job'): Promise<string> {
  return insertJob(db, 'PENDING', { notifications, name });
}

/** Takes the job through `statuses` by the state machine, one transaction each. */
export async function changeThrough(db: Database, uuid: string, statuses: readonly JobStatus[]): Promise<void> {
  for (const status of statuses) await db.transaction((tx) => changeStatus(tx, uuid, status, `now ${status}`));
}

/** One outbox row, in the columns tests look at. */
export interface OutboxRow {
  id: number;
  notification_index: number;
  status: string;
  state: string;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
}

/** The job's outbox rows, in the order they were enqueued. */
export async function outbox(db: Queryable, uuid: string): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `SELECT id, notification_index, status, state, attempts, last_error, delivered_at FROM notification_outbox WHERE job_uuid = $1 ORDER BY id`,
    [uuid],
  );
  return rows;
}

/** A pino logger whose lines (parsed) land in `lines`, at debug level and above. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { logger: pino({ level: 'debug' }, destination), lines };
}

/** Retries quick enough for tests; timeouts and leases as in production. */
export const quickRetries = { maxAttempts: 3, initialRetryDelayMs: 1, maxRetryDelayMs: 5 } as const;
