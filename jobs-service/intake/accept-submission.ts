import { randomUUID } from 'node:crypto';
import type { Queryable } from '../database/database.js';
import type { NewJob } from '../model/new-job.js';

/** The channel on which a submission wakes the intake worker; the payload is the job's UUID. */
export const INTAKE_CHANNEL = 'jobfloor_intake';

/** A submission the service has taken responsibility for. */
export interface AcceptedSubmission {
  readonly uuid: string;
  readonly accepted: Date;
  readonly job: NewJob;
}

// One statement, so one short transaction: the submission is stored, and the intake worker is
// told, atomically. The NOTIFY is delivered at commit, when the row is visible to the worker.
const ACCEPT_SQL = `
WITH accepted AS (
  INSERT INTO job_intake (uuid, tenant_id, owner, accepted, job)
  VALUES ($1, $2, $3, clock_timestamp(), $4)
  RETURNING uuid, accepted
)
SELECT uuid, accepted, pg_notify('${INTAKE_CHANNEL}', uuid::text) AS notified FROM accepted`;

/**
 * Stores a validated submission durably (status ACCEPTED). When this resolves the submission is
 * committed: whatever happens to this process afterwards, the intake makes it a job.
 */
export async function acceptSubmission(db: Queryable, job: NewJob): Promise<AcceptedSubmission> {
  const uuid = randomUUID();
  const { rows } = await db.query<{ accepted: Date }>(ACCEPT_SQL, [uuid, job.tenantId, job.owner, JSON.stringify(job)]);
  return { uuid, accepted: rows[0]!.accepted, job };
}
