/** A row of the `jobs` table as both database engines return it. */
export interface JobRow {
  readonly id: number;
  readonly uuid: string;
  readonly name: string;
  readonly tenant_id: string;
  readonly tenant_queue: string;
  readonly status: string;
  readonly last_status_message: string;
  readonly accepted: Date;
  readonly created: Date;
  readonly ended: Date | null;
  readonly last_updated: Date;
  readonly owner: string;
  readonly roles: string;
  readonly system_id: string;
  readonly app_id: string;
  readonly app_uuid: string;
  readonly work_path: string | null;
  readonly archive: boolean;
  readonly archive_path: string | null;
  readonly archive_system: string | null;
  readonly node_count: number;
  readonly processors_per_node: number;
  readonly memory_per_node: number;
  readonly max_hours: number;
  readonly inputs: Record<string, unknown>;
  readonly parameters: Record<string, unknown>;
  readonly remote_job_id: string | null;
  readonly scheduler_job_id: string | null;
  readonly remote_queue: string | null;
  readonly remote_submitted: Date | null;
  readonly remote_started: Date | null;
  readonly remote_ended: Date | null;
  readonly remote_outcome: string | null;
  readonly submit_retries: number;
  readonly remote_status_checks: number;
  readonly failed_status_checks: number;
  readonly last_status_check: Date | null;
  readonly blocked_count: number;
  readonly visible: boolean;
  readonly notifications: unknown[];
  readonly request: Record<string, unknown>;
  readonly cancel_requested_at: Date | null;
}

/** The columns of {@link JobRow}, for SELECTs that must not return the update token. */
export const JOB_COLUMNS = `id, uuid, name, tenant_id, tenant_queue, status, last_status_message, accepted, created, ended,
  last_updated, owner, roles, system_id, app_id, app_uuid, work_path, archive, archive_path, archive_system, node_count,
  processors_per_node, memory_per_node, max_hours, inputs, parameters, remote_job_id, scheduler_job_id, remote_queue,
  remote_submitted, remote_started, remote_ended, remote_outcome, submit_retries, remote_status_checks,
  failed_status_checks, last_status_check, blocked_count, visible, notifications, request, cancel_requested_at`;
