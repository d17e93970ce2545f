/**
 * The `${JOB_...}` templates of seed 002's notification table, filled into a notification URL
 * when it is sent. The names come from the submission's list, which validated the URL, so the
 * two cannot drift apart: a name added there is a compile error here until it has a value.
 */
import type { JobStatus } from '../model/job-status.js';
import { jobLinks } from '../store/job-representation.js';
import { notificationTemplates } from '../submission/notification-schema.js';
import type { ClaimedNotification } from './claimed-notification.js';

/** One template name, e.g. `JOB_STATUS` (written `${JOB_STATUS}` in a URL). */
export type NotificationTemplate = (typeof notificationTemplates)[number];

/** The value of every template for one notification, not yet encoded. */
export type TemplateValues = Readonly<Record<NotificationTemplate, string>>;

// The statuses whose message is an error: FAILED says why the job failed, BLOCKED which
// transient error it is recovering from. Other messages are progress, not errors.
const errorStatuses: ReadonlySet<JobStatus> = new Set(['FAILED', 'BLOCKED']);

function time(value: Date | null): string {
  return value === null ? '' : value.toISOString();
}

/**
 * The template values of a notification. `publicUrl` is the service's base URL (the `_links`
 * base). Times are ISO 8601; what is not known (yet) is the empty string:
 * - JOB_STATUS: the status the job entered (the event), not whatever it has moved on to since.
 * - JOB_SUBMIT_TIME, JOB_START_TIME: when the job was placed on, and started running on, the
 *   execution system (seed 002's remoteSubmitted and remoteStarted); JOB_END_TIME: when the job's
 *   processing ended (seed 002's ended, set on entering a terminal state).
 * - JOB_ARCHIVE_URL: the job's output listing in this service, when the job archives.
 * - JOB_ERROR: the status message when the job entered FAILED or BLOCKED.
 */
export function templateValues(notification: ClaimedNotification, publicUrl: string): TemplateValues {
  const { job } = notification;
  const links = jobLinks({ publicUrl }, job);
  return {
    JOB_STATUS: notification.status,
    JOB_URL: links.self.href,
    JOB_ID: job.uuid,
    JOB_SYSTEM: job.systemId,
    JOB_NAME: job.name,
    JOB_START_TIME: time(job.remoteStarted),
    JOB_END_TIME: time(job.ended),
    JOB_SUBMIT_TIME: time(job.remoteSubmitted),
    JOB_ARCHIVE_PATH: job.archive ? (job.archivePath ?? '') : '',
    JOB_ARCHIVE_URL: job.archive ? links.outputs.href : '',
    JOB_ERROR: errorStatuses.has(notification.status) ? notification.message : '',
  };
}

function isTemplate(name: string): name is NotificationTemplate {
  return (notificationTemplates as readonly string[]).includes(name);
}

/**
 * Replaces each `${NAME}` of `url` with its value, percent-encoded as a URL component
 * (encodeURIComponent), so that a value holding `/`, `?`, `&`, `#` or spaces stays inside the
 * path segment or query parameter it was placed in. An unknown name is left as written (the
 * submission refuses them, so only a hand-edited row has one).
 */
export function fillTemplates(url: string, values: TemplateValues): string {
  return url.replaceAll(/\$\{([^}]*)\}/g, (written, name: string) => (isTemplate(name) ? encodeURIComponent(values[name]) : written));
}
