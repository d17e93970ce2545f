import type { AcceptedSubmission } from '../intake/accept-submission.js';
import type { JobRow } from './job-row.js';

/** Where the API is reached, for the `_links` of each job. */
export interface LinkBase {
  /** e.g. `http://127.0.0.1:8080`, without a trailing slash. */
  readonly publicUrl: string;
}

function iso(time: Date | null | undefined): string | null {
  return time ? time.toISOString() : null;
}

/** The links of seed 002's `_links`: resources related to a job, some of which may not exist yet. */
export function jobLinks(base: LinkBase, job: { uuid: string; appId: string; systemId: string; archiveSystem: string | null }) {
  const self = `${base.publicUrl}/jobs/v2/${job.uuid}`;
  return {
    self: { href: self },
    status: { href: `${self}/status` },
    history: { href: `${self}/history` },
    outputs: { href: `${self}/outputs/listing` },
    app: { href: `${base.publicUrl}/apps/v2/${encodeURIComponent(job.appId)}` },
    executionSystem: { href: `${base.publicUrl}/systems/v2/${encodeURIComponent(job.systemId)}` },
    ...(job.archiveSystem ? { archiveSystem: { href: `${base.publicUrl}/systems/v2/${encodeURIComponent(job.archiveSystem)}` } } : {}),
  };
}

/**
 * A job as the API shows it: seed 002's complete job object, with `id` being the UUID (as in the
 * submission response; the sequence number stays internal) and times in ISO 8601. The update
 * token is a credential and is never shown.
 */
export function jobRepresentation(base: LinkBase, row: JobRow) {
  return {
    id: row.uuid,
    uuid: row.uuid,
    name: row.name,
    tenantId: row.tenant_id,
    tenantQueue: row.tenant_queue,
    status: row.status,
    lastStatusMessage: row.last_status_message,
    accepted: iso(row.accepted),
    created: iso(row.created),
    ended: iso(row.ended),
    lastUpdated: iso(row.last_updated),
    owner: row.owner,
    roles: row.roles,
    systemId: row.system_id,
    appId: row.app_id,
    appUuid: row.app_uuid,
    workPath: row.work_path,
    archive: row.archive,
    archivePath: row.archive_path,
    archiveSystem: row.archive_system,
    nodeCount: row.node_count,
    processorsPerNode: row.processors_per_node,
    memoryPerNode: row.memory_per_node,
    maxHours: row.max_hours,
    inputs: row.inputs,
    parameters: row.parameters,
    notifications: row.notifications,
    remoteJobId: row.remote_job_id,
    schedulerJobId: row.scheduler_job_id,
    remoteQueue: row.remote_queue,
    remoteSubmitted: iso(row.remote_submitted),
    remoteStarted: iso(row.remote_started),
    remoteEnded: iso(row.remote_ended),
    remoteOutcome: row.remote_outcome,
    submitRetries: row.submit_retries,
    remoteStatusChecks: row.remote_status_checks,
    failedStatusChecks: row.failed_status_checks,
    lastStatusCheck: iso(row.last_status_check),
    blockedCount: row.blocked_count,
    visible: row.visible,
    cancelRequested: row.cancel_requested_at !== null,
    _links: jobLinks(base, { uuid: row.uuid, appId: row.app_id, systemId: row.system_id, archiveSystem: row.archive_system }),
  };
}

export type JobRepresentation = ReturnType<typeof jobRepresentation>;

/**
 * The submission response of seed 002 for an accepted submission: the fields known at acceptance
 * are set, the others hold their defaults (null, 0) until the job is processed.
 */
export function acceptedRepresentation(base: LinkBase, accepted: AcceptedSubmission) {
  const { job } = accepted;
  return {
    id: accepted.uuid,
    uuid: accepted.uuid,
    name: job.name,
    tenantId: job.tenantId,
    tenantQueue: job.tenantQueue,
    status: 'ACCEPTED',
    lastStatusMessage: 'Submission accepted; the job is recorded as PENDING shortly.',
    accepted: iso(accepted.accepted),
    created: null,
    ended: null,
    lastUpdated: iso(accepted.accepted),
    owner: job.owner,
    roles: job.roles,
    systemId: job.systemId,
    appId: job.appId,
    appUuid: job.appUuid,
    workPath: null,
    archive: job.archive,
    archivePath: job.archivePath,
    archiveSystem: job.archiveSystem,
    nodeCount: job.nodeCount,
    processorsPerNode: job.processorsPerNode,
    memoryPerNode: job.memoryPerNode,
    maxHours: job.maxHours,
    inputs: job.inputs,
    parameters: job.parameters,
    notifications: job.notifications,
    remoteJobId: null,
    schedulerJobId: null,
    remoteQueue: job.remoteQueue,
    remoteSubmitted: null,
    remoteStarted: null,
    remoteEnded: null,
    remoteOutcome: null,
    submitRetries: 0,
    remoteStatusChecks: 0,
    failedStatusChecks: 0,
    lastStatusCheck: null,
    blockedCount: 0,
    visible: true,
    cancelRequested: false,
    _links: jobLinks(base, { uuid: accepted.uuid, appId: job.appId, systemId: job.systemId, archiveSystem: job.archiveSystem }),
  };
}
