import { randomBytes } from 'node:crypto';
import type { Queryable } from '../database/database.js';

/** The channel on which new work wakes the workers; the payload is the tenant queue's name. */
export const WORK_CHANNEL = 'jobfloor_work';

/** A submission that the intake recorded as a PENDING job. */
export interface PromotedJob {
  readonly uuid: string;
  readonly tenantQueue: string;
  readonly accepted: Date;
  readonly created: Date;
}

// One statement takes up to $1 accepted submissions (skipping those another intake worker holds),
// inserts them as PENDING jobs with their first two history rows (ACCEPTED, then PENDING), puts
// each on its tenant queue and wakes the workers of those queues. Deleting the intake row and
// inserting the job commit together, so a crash leaves either the submission or the job, never
// neither. ON CONFLICT makes a replay harmless.
const PROMOTE_SQL = `
WITH claimed AS (
  DELETE FROM job_intake
  WHERE uuid IN (SELECT uuid FROM job_intake ORDER BY accepted LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING uuid, accepted, job
),
inserted AS (
  INSERT INTO jobs (
    uuid, name, tenant_id, tenant_queue, status, last_status_message, accepted, created, last_updated,
    owner, roles, system_id, app_id, app_uuid, archive, archive_path, archive_system,
    node_count, processors_per_node, memory_per_node, max_hours, remote_queue,
    inputs, parameters, notifications, request, update_token, previous_status
  )
  SELECT
    c.uuid, c.job->>'name', c.job->>'tenantId', c.job->>'tenantQueue', 'PENDING',
    'Job recorded and placed on queue ' || (c.job->>'tenantQueue'), c.accepted, clock_timestamp(), clock_timestamp(),
    c.job->>'owner', c.job->>'roles', c.job->>'systemId', c.job->>'appId', (c.job->>'appUuid')::uuid,
    (c.job->>'archive')::boolean, c.job->>'archivePath', c.job->>'archiveSystem',
    (c.job->>'nodeCount')::int, (c.job->>'processorsPerNode')::int, (c.job->>'memoryPerNode')::float8,
    (c.job->>'maxHours')::float8, c.job->>'remoteQueue',
    c.job->'inputs', c.job->'parameters', c.job->'notifications', c.job->'request',
    encode(sha256(convert_to(c.uuid::text || $2, 'UTF8')), 'hex'), 'ACCEPTED'
  FROM claimed c
  ON CONFLICT (uuid) DO NOTHING
  RETURNING uuid, tenant_id, tenant_queue, accepted, created
),
history AS (
  INSERT INTO job_history (job_uuid, from_status, to_status, message, created)
  SELECT uuid, NULL, 'ACCEPTED', 'Submission accepted', accepted FROM inserted
  UNION ALL
  SELECT uuid, 'ACCEPTED', 'PENDING', 'Job recorded and placed on queue ' || tenant_queue, created FROM inserted
),
queued AS (
  INSERT INTO work_queue (job_uuid, tenant_id, tenant_queue)
  SELECT uuid, tenant_id, tenant_queue FROM inserted
  RETURNING tenant_queue
),
woken AS (
  SELECT pg_notify('${WORK_CHANNEL}', tenant_queue) FROM (SELECT DISTINCT tenant_queue FROM queued) queues
)
SELECT uuid, tenant_queue, accepted, created, (SELECT count(*) FROM woken) AS woken FROM inserted`;

/**
 * Makes up to `limit` accepted submissions into PENDING jobs on their tenant queues, in one
 * transaction. Resolves with the jobs it made; fewer than `limit` means the intake is empty (or
 * the rest is being promoted by another worker).
 */
export async function promoteAccepted(db: Queryable, limit: number): Promise<PromotedJob[]> {
  // The update token is derived from the job's UUID and a per-batch secret: unguessable, and no
  // second statement is needed to store it.
  const secret = randomBytes(16).toString('hex');
  const { rows } = await db.query<{ uuid: string; tenant_queue: string; accepted: Date; created: Date }>(PROMOTE_SQL, [limit, secret]);
  return rows.map((row) => ({ uuid: row.uuid, tenantQueue: row.tenant_queue, accepted: row.accepted, created: row.created }));
}
