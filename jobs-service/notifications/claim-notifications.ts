import type { Queryable } from '../database/database.js';
import type { JobStatus } from '../model/job-status.js';
import type { ClaimedNotification } from './claimed-notification.js';

interface ClaimedRow {
  id: number;
  notification_index: number;
  event: string;
  persistent: boolean;
  target: string;
  status: string;
  message: string;
  occurred: Date;
  attempts: number;
  job_uuid: string;
  name: string;
  tenant_id: string;
  owner: string;
  app_id: string;
  system_id: string;
  accepted: Date;
  created: Date;
  ended: Date | null;
  remote_submitted: Date | null;
  remote_started: Date | null;
  remote_ended: Date | null;
  archive: boolean;
  archive_path: string | null;
  archive_system: string | null;
}

// One statement, so one short transaction: pick due, unleased rows (skipping those another
// deliverer is claiming this instant), lease them to $1 for $3 ms and count the attempt, and read
// the job fields the templates and body need. Once this commits, other deliverers see the lease
// and leave the rows alone until it runs out; the HTTP call happens outside any transaction.
// The attempt is counted here rather than after the call so that a deliverer that dies while
// sending still uses up an attempt: a notification that crashes its sender cannot loop forever.
const CLAIM_SQL = `
WITH due AS (
  SELECT id FROM notification_outbox
  WHERE state = 'PENDING' AND next_attempt_at <= now()
    AND (lease_expires_at IS NULL OR lease_expires_at <= now())
  ORDER BY next_attempt_at, id
  LIMIT $2
  FOR UPDATE SKIP LOCKED
),
claimed AS (
  UPDATE notification_outbox o
  SET lease_owner = $1, lease_expires_at = now() + $3::double precision * interval '1 millisecond', attempts = o.attempts + 1
  FROM due WHERE o.id = due.id
  RETURNING o.id, o.job_uuid, o.notification_index, o.event, o.persistent, o.target, o.status, o.message, o.occurred, o.attempts
)
SELECT c.*, j.name, j.tenant_id, j.owner, j.app_id, j.system_id, j.accepted, j.created, j.ended,
       j.remote_submitted, j.remote_started, j.remote_ended, j.archive, j.archive_path, j.archive_system
FROM claimed c JOIN jobs j ON j.uuid = c.job_uuid
ORDER BY c.occurred, c.id`;

/**
 * Leases up to `limit` due notifications to `owner` for `leaseMs` and returns them with their
 * jobs, oldest event first. An empty result means nothing is due (or all of it is leased).
 */
export async function claimNotifications(db: Queryable, owner: string, limit: number, leaseMs: number): Promise<ClaimedNotification[]> {
  const { rows } = await db.query<ClaimedRow>(CLAIM_SQL, [owner, limit, leaseMs]);
  return rows.map(claimedNotification);
}

function claimedNotification(row: ClaimedRow): ClaimedNotification {
  return {
    id: row.id,
    notificationIndex: row.notification_index,
    subscribedEvent: row.event,
    persistent: row.persistent,
    target: row.target,
    status: row.status as JobStatus,
    message: row.message,
    occurred: row.occurred,
    attempts: row.attempts,
    job: {
      uuid: row.job_uuid,
      name: row.name,
      tenantId: row.tenant_id,
      owner: row.owner,
      appId: row.app_id,
      systemId: row.system_id,
      accepted: row.accepted,
      created: row.created,
      ended: row.ended,
      remoteSubmitted: row.remote_submitted,
      remoteStarted: row.remote_started,
      remoteEnded: row.remote_ended,
      archive: row.archive,
      archivePath: row.archive_path,
      archiveSystem: row.archive_system,
    },
  };
}
