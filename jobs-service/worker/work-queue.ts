/**
 * The work queue's statements: workers claim due rows with FOR UPDATE SKIP LOCKED and hold them
 * under a lease that they renew while they work; a job's progress is a checkpoint on its row (the
 * flow node to resume at and the state the finished phases left), written only by the lease's
 * holder (jobs/record-phase.ts writes it with the phase's status change). A worker that dies stops renewing; once its lease runs out, another worker claims the
 * row and resumes the job at its last checkpoint.
 */
import type { Queryable } from '../database/database.js';
import type { JobStatus } from '../model/job-status.js';
import type { JobFacts, LifecycleState } from '../jobs/active-job.js';


/** A claimed row of the work queue. */
export interface ClaimedWork {
  readonly jobUuid: string;
  /** The flow node to resume at; null: the flow's start. */
  readonly resumeAt: string | null;
  readonly state: LifecycleState;
  /** Claims since the last checkpoint, this one included: a job that keeps killing its workers stops. */
  readonly attempts: number;
  /** Whether the job was cancelled while nobody held it. */
  readonly cancelRequested: boolean;
  readonly status: JobStatus;
  /** What the job is, as recorded at submission. */
  readonly facts: JobFacts;
}

/** Who claims, for how long, from which queues. */
export interface ClaimOptions {
  readonly owner: string;
  readonly leaseMs: number;
  readonly limit: number;
  /** Tenant queues to take work from; empty: all. */
  readonly queues: readonly string[];
}

// A row is claimable when it is due and either unleased or its lease has run out (its worker died).
const CLAIM_SQL = `
WITH claimable AS (
  SELECT job_uuid FROM work_queue
  WHERE run_after <= clock_timestamp()
    AND (lease_owner IS NULL OR lease_expires_at < clock_timestamp())
    AND (cardinality($4::text[]) = 0 OR tenant_queue = ANY($4::text[]))
  ORDER BY run_after
  LIMIT $3
  FOR UPDATE SKIP LOCKED
)
UPDATE work_queue w SET
  lease_owner = $1,
  lease_expires_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000),
  attempts = w.attempts + 1
FROM claimable c JOIN jobs j ON j.uuid = c.job_uuid
WHERE w.job_uuid = c.job_uuid
RETURNING w.job_uuid, w.resume_at, w.state, w.attempts, j.cancel_requested_at IS NOT NULL AS cancel_requested, j.status,
  j.tenant_id, j.owner, j.name, j.app_id, j.system_id, j.inputs, j.parameters, j.archive, j.archive_path, j.archive_system, j.max_hours`;

interface ClaimRow {
  job_uuid: string;
  resume_at: string | null;
  state: LifecycleState;
  attempts: number;
  cancel_requested: boolean;
  status: JobStatus;
  tenant_id: string;
  owner: string;
  name: string;
  app_id: string;
  system_id: string;
  inputs: JobFacts['inputs'];
  parameters: JobFacts['parameters'];
  archive: boolean;
  archive_path: string | null;
  archive_system: string | null;
  max_hours: number;
}

function claimedWork(row: ClaimRow): ClaimedWork {
  return {
    jobUuid: row.job_uuid,
    resumeAt: row.resume_at,
    state: row.state,
    attempts: row.attempts,
    cancelRequested: row.cancel_requested,
    status: row.status,
    facts: {
      uuid: row.job_uuid,
      tenantId: row.tenant_id,
      owner: row.owner,
      name: row.name,
      appId: row.app_id,
      systemId: row.system_id,
      inputs: row.inputs,
      parameters: row.parameters,
      archive: row.archive,
      archivePath: row.archive_path,
      archiveSystem: row.archive_system,
      maxHours: row.max_hours,
    },
  };
}

/** Claims up to `limit` due jobs for `owner`. */
export async function claimWork(db: Queryable, options: ClaimOptions): Promise<ClaimedWork[]> {
  const { rows } = await db.query<ClaimRow>(CLAIM_SQL, [options.owner, options.leaseMs, options.limit, options.queues]);
  return rows.map(claimedWork);
}

/** Thrown when a worker writes to a job whose lease it no longer holds: another worker has it. */
export class LeaseLostError extends Error {
  readonly code = 'JOBS_LEASE_LOST';
  constructor(readonly jobUuid: string, readonly owner: string) {
    super(`Worker ${owner} no longer holds the lease of job ${jobUuid} (it ran out, or the job was cancelled); it stops working on the job.`);
    this.name = 'LeaseLostError';
  }
}

/** Removes a job that has ended from the queue (only its lease holder may). */
export async function complete(tx: Queryable, owner: string, jobUuid: string): Promise<void> {
  await tx.query('DELETE FROM work_queue WHERE job_uuid = $1 AND lease_owner = $2', [jobUuid, owner]);
}

/** Extends the leases of the jobs `owner` holds; one statement for all of them. */
export async function renewLeases(db: Queryable, owner: string, jobUuids: readonly string[], leaseMs: number): Promise<void> {
  if (jobUuids.length === 0) return;
  await db.query(
    `UPDATE work_queue SET lease_expires_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000)
     WHERE lease_owner = $1 AND job_uuid = ANY($2::uuid[])`,
    [owner, jobUuids, leaseMs],
  );
}

/** Gives a job back after its run ended without a checkpoint (a bug, or the worker stopping); it is retried after `delayMs`. */
export async function release(db: Queryable, owner: string, jobUuid: string, delayMs: number): Promise<void> {
  await db.query(
    `UPDATE work_queue SET lease_owner = NULL, lease_expires_at = NULL,
       run_after = clock_timestamp() + make_interval(secs => $3::double precision / 1000)
     WHERE job_uuid = $1 AND lease_owner = $2`,
    [jobUuid, owner, delayMs],
  );
}

/** Milliseconds until the next row of `queues` is due, or undefined when the queue is empty. */
export async function msUntilNextDue(db: Queryable, queues: readonly string[]): Promise<number | undefined> {
  const { rows } = await db.query<{ ms: number | null }>(
    `SELECT (extract(epoch FROM min(greatest(run_after, coalesce(lease_expires_at, run_after))) - clock_timestamp()) * 1000)::float8 AS ms
     FROM work_queue WHERE cardinality($1::text[]) = 0 OR tenant_queue = ANY($1::text[])`,
    [queues],
  );
  const ms = rows[0]?.ms;
  return ms === null || ms === undefined ? undefined : Math.max(0, ms);
}
