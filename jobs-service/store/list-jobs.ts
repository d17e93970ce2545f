import { z } from 'zod';
import type { Caller } from '../access/caller.js';
import type { Queryable } from '../database/database.js';
import { ServiceError } from '../errors/service-error.js';
import { jobStatuses } from '../model/job-status.js';
import { JOB_COLUMNS, type JobRow } from './job-row.js';

const sortColumns = { created: 'created', lastUpdated: 'last_updated', name: 'name', status: 'status' } as const;

/** The query string of `GET /jobs/v2`; the OpenAPI document is generated from it. */
export const listJobsQuerySchema = z
  .strictObject({
    status: z
      .string()
      .transform((value) => value.split(',').map((status) => status.trim()))
      .pipe(z.array(z.enum(jobStatuses, { message: `each status must be one of ${jobStatuses.join(', ')}` })))
      .optional()
      .describe('Only jobs in these states (comma-separated).'),
    appId: z.string().max(64).optional().describe('Only jobs of this app.'),
    name: z.string().max(64).optional().describe('Only jobs with exactly this name.'),
    owner: z.string().max(64).optional().describe("Only this user's jobs (administrators; users always see only their own)."),
    createdAfter: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time such as 2026-01-31T12:00:00Z' }).optional()
      .describe('Only jobs created at or after this time.'),
    createdBefore: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time such as 2026-01-31T12:00:00Z' }).optional()
      .describe('Only jobs created before this time.'),
    orderBy: z.enum(Object.keys(sortColumns) as [keyof typeof sortColumns]).default('created').describe('Sort key.'),
    order: z.enum(['asc', 'desc']).default('desc').describe('Sort direction.'),
    limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Jobs per page (1 to 1000).'),
    offset: z.coerce.number().int().min(0).optional().describe('Jobs to skip; not together with cursor.'),
    cursor: z.string().max(512).optional().describe('nextCursor of the previous page; not together with offset.'),
  })
  .refine((query) => !(query.offset !== undefined && query.cursor !== undefined), {
    message: 'give either offset or cursor, not both',
    path: ['cursor'],
  });

export type ListJobsQuery = z.output<typeof listJobsQuerySchema>;

/** The position after the last job of a page: its sort value (as text, exact) and its id. */
interface Cursor {
  readonly orderBy: string;
  readonly order: string;
  readonly key: string;
  readonly id: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, query: ListJobsQuery): Cursor {
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    cursor = {};
  }
  if (typeof cursor.key !== 'string' || typeof cursor.id !== 'number' || cursor.orderBy !== query.orderBy || cursor.order !== query.order) {
    throw new ServiceError('JOBS_VALIDATION_FAILED', 'The cursor is not valid for this query.', {
      fieldErrors: [{ field: 'cursor', message: 'use the nextCursor of the previous page, with the same orderBy and order' }],
    });
  }
  return cursor as Cursor;
}

/** One page of jobs; `nextCursor` is set when more jobs may follow. */
export interface JobPage {
  readonly jobs: readonly JobRow[];
  readonly nextCursor: string | null;
}

/** Lists the visible jobs a caller may see, filtered, sorted and paged. ACCEPTED submissions are not jobs yet and are not listed. */
export async function listJobs(db: Queryable, caller: Caller, query: ListJobsQuery): Promise<JobPage> {
  const params: unknown[] = [caller.tenantId];
  const where = ['tenant_id = $1', 'visible'];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (!caller.isAdmin) add((p) => `owner = ${p}`, caller.userId);
  else if (query.owner !== undefined) add((p) => `owner = ${p}`, query.owner);
  if (query.status !== undefined) add((p) => `status = ANY(${p}::text[])`, query.status);
  if (query.appId !== undefined) add((p) => `app_id = ${p}`, query.appId);
  if (query.name !== undefined) add((p) => `name = ${p}`, query.name);
  if (query.createdAfter !== undefined) add((p) => `created >= ${p}::timestamptz`, query.createdAfter);
  if (query.createdBefore !== undefined) add((p) => `created < ${p}::timestamptz`, query.createdBefore);

  const column = sortColumns[query.orderBy];
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  if (query.cursor !== undefined) {
    const cursor = decodeCursor(query.cursor, query);
    const cast = column === 'created' || column === 'last_updated' ? '::timestamptz' : '::text';
    params.push(cursor.key, cursor.id);
    where.push(`(${column}, id) ${direction === 'ASC' ? '>' : '<'} ($${params.length - 1}${cast}, $${params.length}::bigint)`);
  }
  params.push(query.limit, query.offset ?? 0);
  const sql = `SELECT ${JOB_COLUMNS}, ${column}::text AS sort_key FROM jobs WHERE ${where.join(' AND ')}
    ORDER BY ${column} ${direction}, id ${direction} LIMIT $${params.length - 1} OFFSET $${params.length}`;
  const { rows } = await db.query<JobRow & { sort_key: string }>(sql, params);
  const last = rows[rows.length - 1];
  const nextCursor =
    rows.length === query.limit && last !== undefined
      ? encodeCursor({ orderBy: query.orderBy, order: query.order, key: last.sort_key, id: last.id })
      : null;
  return { jobs: rows, nextCursor };
}
