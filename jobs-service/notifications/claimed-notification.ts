import type { JobStatus } from '../model/job-status.js';

/**
 * The job a notification is about, as it is when the notification is sent. Only the event's
 * status and message are frozen at the status change (in the outbox row); the rest is read at
 * each attempt, so a time set just after the change (say `remoteStarted` next to RUNNING) is there.
 */
export interface NotifiedJob {
  readonly uuid: string;
  readonly name: string;
  readonly tenantId: string;
  readonly owner: string;
  readonly appId: string;
  readonly systemId: string;
  readonly accepted: Date;
  readonly created: Date;
  readonly ended: Date | null;
  readonly remoteSubmitted: Date | null;
  readonly remoteStarted: Date | null;
  readonly remoteEnded: Date | null;
  readonly archive: boolean;
  readonly archivePath: string | null;
  readonly archiveSystem: string | null;
}

/** An outbox row that a deliverer has claimed (leased) for one attempt. */
export interface ClaimedNotification {
  /** The outbox row's id; the same on every attempt, so receivers can drop repeats. */
  readonly id: number;
  /** The position of the notification in the job's `notifications`. */
  readonly notificationIndex: number;
  /** The event as subscribed: a status name or `*`. */
  readonly subscribedEvent: string;
  readonly persistent: boolean;
  /** The `url` as submitted: an http(s) URL with its templates unfilled, or an email address. */
  readonly target: string;
  /** The status the job entered: the event that happened. */
  readonly status: JobStatus;
  /** The message of that status change. */
  readonly message: string;
  /** When the job entered `status`. */
  readonly occurred: Date;
  /** Attempts so far, this one included. */
  readonly attempts: number;
  readonly job: NotifiedJob;
}
