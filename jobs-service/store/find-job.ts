import type { Caller } from '../access/caller.js';
import type { Queryable } from '../database/database.js';
import { ServiceError } from '../errors/service-error.js';
import type { NewJob } from '../model/new-job.js';
import { JOB_COLUMNS, type JobRow } from './job-row.js';

/** A job the caller may see: recorded in the jobs table, or still ACCEPTED in the intake. */
export type FoundJob =
  | { readonly state: 'recorded'; readonly row: JobRow }
  | { readonly state: 'accepted'; readonly uuid: string; readonly accepted: Date; readonly job: NewJob };

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(uuid: string): ServiceError {
  return new ServiceError('JOBS_NOT_FOUND', `There is no job ${uuid} that you can see. Check the id; GET /jobs/v2 lists your jobs.`);
}

/** Whether the caller may see a job of this tenant and owner (administrators: the whole tenant). */
export function canSee(caller: Caller, job: { tenantId: string; owner: string }): boolean {
  return job.tenantId === caller.tenantId && (caller.isAdmin || job.owner === caller.userId);
}

/**
 * Finds a job for a caller. Another tenant's job, or another user's for a non-administrator, is
 * reported exactly like a job that does not exist (404), so ids reveal nothing.
 */
export async function findJob(db: Queryable, caller: Caller, uuid: string, options: { forUpdate?: boolean } = {}): Promise<FoundJob> {
  if (!UUID_PATTERN.test(uuid)) {
    throw new ServiceError('JOBS_NOT_FOUND', `'${uuid}' is not a job id: job ids are UUIDs such as 6f1c...-...; GET /jobs/v2 lists your jobs.`);
  }
  const lock = options.forUpdate ? ' FOR UPDATE' : '';
  const { rows } = await db.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE uuid = $1${lock}`, [uuid]);
  const row = rows[0];
  if (row !== undefined) {
    if (!canSee(caller, { tenantId: row.tenant_id, owner: row.owner })) throw notFound(uuid);
    return { state: 'recorded', row };
  }
  const intake = await db.query<{ accepted: Date; job: NewJob }>('SELECT accepted, job FROM job_intake WHERE uuid = $1', [uuid]);
  const waiting = intake.rows[0];
  if (waiting === undefined || !canSee(caller, waiting.job)) throw notFound(uuid);
  return { state: 'accepted', uuid, accepted: waiting.accepted, job: waiting.job };
}

/** Finds a job that is recorded (not ACCEPTED any more); an ACCEPTED one is refused with `why`. */
export async function findRecordedJob(db: Queryable, caller: Caller, uuid: string, action: string, options: { forUpdate?: boolean } = {}): Promise<JobRow> {
  const found = await findJob(db, caller, uuid, options);
  if (found.state === 'recorded') return found.row;
  throw new ServiceError(
    'JOBS_ACTION_REFUSED',
    `Job ${uuid} is ACCEPTED: the service holds the submission but has not recorded the job yet, so it cannot ${action} it. ` +
      'Try again once its status is PENDING (normally within a second).',
  );
}
