import { z } from 'zod';
import type { Caller } from '../access/caller.js';
import type { Queryable } from '../database/database.js';
import { ServiceError } from '../errors/service-error.js';
import { findJob } from './find-job.js';

/** The query string of `GET /jobs/v2/{id}/history`. */
export const historyQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Entries per page (1 to 1000).'),
  offset: z.coerce.number().int().min(0).default(0).describe('Entries to skip.'),
});

/** One status change of a job, oldest first. */
export interface HistoryEntry {
  readonly from: string | null;
  readonly to: string;
  readonly message: string;
  readonly created: string;
}

/**
 * A job's status changes, oldest first. An ACCEPTED submission has the one entry it has so far;
 * a hidden job's history is hidden with it (seed 002) until it is unhidden.
 */
export async function jobHistory(db: Queryable, caller: Caller, uuid: string, page: z.output<typeof historyQuerySchema>): Promise<HistoryEntry[]> {
  const found = await findJob(db, caller, uuid);
  if (found.state === 'accepted') {
    return page.offset > 0 ? [] : [{ from: null, to: 'ACCEPTED', message: 'Submission accepted', created: found.accepted.toISOString() }];
  }
  if (!found.row.visible) {
    throw new ServiceError('JOBS_NOT_FOUND', `Job ${uuid} is hidden, and so is its history. POST /jobs/v2/${uuid}/unhide to see it again.`);
  }
  const { rows } = await db.query<{ from_status: string | null; to_status: string; message: string; created: Date }>(
    'SELECT from_status, to_status, message, created FROM job_history WHERE job_uuid = $1 ORDER BY id LIMIT $2 OFFSET $3',
    [uuid, page.limit, page.offset],
  );
  return rows.map((row) => ({ from: row.from_status, to: row.to_status, message: row.message, created: row.created.toISOString() }));
}
