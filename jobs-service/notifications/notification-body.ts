import type { JobStatus } from '../model/job-status.js';
import type { ClaimedNotification } from './claimed-notification.js';
import type { TemplateValues } from './notification-templates.js';

/**
 * The JSON body POSTed for a notification (docs/jobs-service/notifications.md shows one). Times
 * are ISO 8601 strings, null when not known (yet).
 */
export interface NotificationBody {
  /** The notification's id: the same on every attempt, so that a receiver can drop repeats. */
  readonly id: number;
  /** The event that happened: the status the job entered. */
  readonly event: JobStatus;
  /** When the job entered it. */
  readonly occurred: string;
  /** Which attempt this is, from 1. */
  readonly attempt: number;
  /** The subscription that matched: its place in the job's `notifications`, its event (a status or `*`), and whether it stays active. */
  readonly notification: { readonly index: number; readonly event: string; readonly persistent: boolean };
  readonly job: {
    readonly id: string;
    readonly name: string;
    /** The status entered at the event (the job may have moved on by the time this arrives). */
    readonly status: JobStatus;
    /** The message of that status change. */
    readonly message: string;
    /** The job in the REST API (`GET` it for its current state). */
    readonly url: string;
    readonly tenantId: string;
    readonly owner: string;
    readonly appId: string;
    readonly systemId: string;
    readonly accepted: string;
    readonly created: string;
    readonly remoteSubmitted: string | null;
    readonly remoteStarted: string | null;
    readonly remoteEnded: string | null;
    readonly ended: string | null;
    readonly archive: boolean;
    readonly archivePath: string | null;
    readonly archiveSystem: string | null;
    /** The job's output listing, when it archives; null otherwise. */
    readonly archiveUrl: string | null;
    /** The status message when the job entered FAILED or BLOCKED; null otherwise. */
    readonly error: string | null;
  };
}

function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

/** The body for one attempt at `notification`; `values` are its template values (for the URLs and the error). */
export function notificationBody(notification: ClaimedNotification, values: TemplateValues): NotificationBody {
  const { job } = notification;
  return {
    id: notification.id,
    event: notification.status,
    occurred: notification.occurred.toISOString(),
    attempt: notification.attempts,
    notification: { index: notification.notificationIndex, event: notification.subscribedEvent, persistent: notification.persistent },
    job: {
      id: job.uuid,
      name: job.name,
      status: notification.status,
      message: notification.message,
      url: values.JOB_URL,
      tenantId: job.tenantId,
      owner: job.owner,
      appId: job.appId,
      systemId: job.systemId,
      accepted: job.accepted.toISOString(),
      created: job.created.toISOString(),
      remoteSubmitted: iso(job.remoteSubmitted),
      remoteStarted: iso(job.remoteStarted),
      remoteEnded: iso(job.remoteEnded),
      ended: iso(job.ended),
      archive: job.archive,
      archivePath: job.archivePath,
      archiveSystem: job.archiveSystem,
      archiveUrl: values.JOB_ARCHIVE_URL === '' ? null : values.JOB_ARCHIVE_URL,
      error: values.JOB_ERROR === '' ? null : values.JOB_ERROR,
    },
  };
}
