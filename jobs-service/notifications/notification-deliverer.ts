import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Database } from '../database/database.js';
import type { JobStatus } from '../model/job-status.js';
import { attemptDelivery, type DeliveryContext } from './attempt-delivery.js';
import { claimNotifications } from './claim-notifications.js';
import type { ClaimedNotification } from './claimed-notification.js';
import type { EmailSender } from './email-notification.js';
import { HttpNotificationSender } from './http-notification-sender.js';
import { millisecondsUntilNextDue } from './next-due.js';
import { NOTIFICATION_CHANNEL } from './notification-channel.js';
import { notificationSettings, type NotificationSettings, type NotificationSettingsInput } from './notification-settings.js';
import { settleNotification, type Settlement } from './settle-notification.js';
import { WakeCoalescer } from '../worker/wake-coalescer.js';

/** Options of {@link NotificationDeliverer}. */
export interface NotificationDelivererOptions {
  readonly db: Database;
  readonly logger: Logger;
  /** The service's public base URL (the configuration's `publicUrl`), for `${JOB_URL}` and `${JOB_ARCHIVE_URL}`. */
  readonly publicUrl: string;
  /** Batch size, timeouts, retries; see {@link NotificationSettings} for each default. */
  readonly settings?: NotificationSettingsInput;
  /** This deliverer's name in leases. Default: host name, process id and a random part. */
  readonly owner?: string;
  /** Sends email notifications. Default: none, so they are logged and marked UNDELIVERABLE. */
  readonly emailSender?: EmailSender;
  /** Called after each attempt is recorded, e.g. to count outcomes in metrics. A throw is logged and changes nothing. */
  readonly onSettled?: (settled: NotificationSettled) => void;
}

/** One attempt at a notification, as recorded. */
export interface NotificationSettled {
  readonly id: number;
  readonly jobUuid: string;
  /** The event: the status the job entered. */
  readonly status: JobStatus;
  readonly outcome: Settlement['outcome'];
  /** Attempts so far, this one included. */
  readonly attempts: number;
  /** Why the attempt did not deliver; absent when it did. */
  readonly error?: string;
}

/** Where a deliverer is in its life; start() and stop() move it (STYLE.md, habit 6). */
export type DelivererState = 'stopped' | 'running' | 'stopping';

// setTimeout cannot wait longer; a later due time is re-read when this one fires.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Sends the notifications that status changes put in the outbox (migration 003). It drains the
 * outbox when started (notifications enqueued while no deliverer ran are not lost), then each
 * time a committed status change NOTIFYs it; a timer wakes it when the next retry falls due, and
 * a slow sweep catches anything a lost NOTIFY left. Any number of deliverers may run against one
 * database: each claims with FOR UPDATE SKIP LOCKED and a lease, so no two send the same
 * notification at the same time. Delivery is at least once: a deliverer that dies after the
 * receiver answered but before recording it leaves the notification to be sent again.
 */
export class NotificationDeliverer {
  readonly #options: NotificationDelivererOptions;
  readonly #settings: NotificationSettings;
  readonly #owner: string;
  readonly #publicUrl: string;
  #state: DelivererState = 'stopped';
  #http: HttpNotificationSender | undefined;
  #dueTimer: NodeJS.Timeout | undefined;
  readonly #drains = new WakeCoalescer(() => this.#drainOnce(), () => this.#state === 'running');
  #stopping: Promise<void> | undefined;

  /** Validates the settings (throwing an Error that lists each bad one) without touching the database. */
  constructor(options: NotificationDelivererOptions) {
    this.#options = options;
    this.#settings = notificationSettings(options.settings);
    this.#owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#publicUrl = options.publicUrl.replace(/\/+$/, '');
  }

  /** The validated settings in use. */
  get settings(): NotificationSettings {
    return this.#settings;
  }

  get state(): DelivererState {
    return this.#state;
  }

  /** Listens for enqueued notifications and sends what is already due. Resolves after that first drain. */
  async start(): Promise<void> {
    if (this.#state !== 'stopped') throw new Error(`NotificationDeliverer.start(): the deliverer is ${this.#state}; stop() it before starting it again.`);
    this.#state = 'running';
    this.#http = new HttpNotificationSender(this.#settings.requestTimeoutMs);
    try {
      await this.#drains.listen(this.#options.db, NOTIFICATION_CHANNEL, this.#settings.sweepIntervalMs);
    } catch (error) {
      await this.#release();
      throw error;
    }
    this.wake();
    await this.idle();
  }

  /** Starts a drain, or asks the running one to go round once more. Does nothing unless running. */
  wake(): void {
    this.#drains.wake();
  }

  /** Resolves when no drain is running. */
  async idle(): Promise<void> {
    await this.#drains.idle();
  }

  /**
   * Stops listening and timers, waits for the attempts in flight (each at most
   * `requestTimeoutMs`) to be recorded, and closes the HTTP connections. What is still pending
   * waits for a deliverer to start.
   */
  async stop(): Promise<void> {
    if (this.#state === 'running') {
      this.#state = 'stopping';
      this.#stopping = this.#release().finally(() => {
        this.#stopping = undefined;
      });
    }
    await this.#stopping;
  }

  /** Undoes start(), whatever part of it ran, and waits for the drain in progress. */
  async #release(): Promise<void> {
    clearTimeout(this.#dueTimer);
    try {
      await this.#drains.quiet();
      await this.idle();
    } finally {
      await this.#http?.close();
      this.#http = undefined;
      this.#state = 'stopped';
    }
  }

  async #drainOnce(): Promise<boolean> {
    try {
      await this.#drain();
      await this.#scheduleNextDue();
      return true;
    } catch (error) {
      // Nothing is lost: unsent notifications stay in the outbox for the next wake-up or sweep.
      this.#options.logger.error({ err: error }, 'notifications: reading the outbox failed; will retry on the next wake-up');
      return false;
    }
  }

  async #drain(): Promise<void> {
    const { batchSize, leaseMs } = this.#settings;
    for (;;) {
      const claimed = await claimNotifications(this.#options.db, this.#owner, batchSize, leaseMs);
      await Promise.all(claimed.map((notification) => this.#deliver(notification)));
      if (claimed.length < batchSize || this.#state !== 'running') return;
    }
  }

  /** One attempt, recorded. Never rejects: a failure to record leaves the lease to run out, and the notification is tried again then. */
  async #deliver(notification: ClaimedNotification): Promise<void> {
    const settlement = await attemptDelivery(notification, this.#deliveryContext());
    try {
      const recorded = await settleNotification(this.#options.db, notification.id, this.#owner, settlement);
      this.#report(notification, settlement, recorded);
    } catch (error) {
      const fields = { err: error, notification: notification.id, job: notification.job.uuid };
      this.#options.logger.error(fields, 'notifications: recording an attempt failed; it will be retried when its lease runs out');
    }
  }

  #deliveryContext(): DeliveryContext {
    // Drains run only between start() and the end of stop(), which is when the sender exists.
    if (this.#http === undefined) throw new Error(`NotificationDeliverer: no HTTP sender while ${this.#state}; this is a bug.`);
    return { publicUrl: this.#publicUrl, http: this.#http, emailSender: this.#options.emailSender, settings: this.#settings };
  }

  #report(notification: ClaimedNotification, settlement: Settlement, recorded: boolean): void {
    const { logger, onSettled } = this.#options;
    const fields = { notification: notification.id, job: notification.job.uuid, event: notification.status, target: notification.target, attempts: notification.attempts };
    if (!recorded) {
      logger.warn(fields, 'notifications: the lease ran out during the attempt and another deliverer took the notification over');
      return;
    }
    const error = settlement.outcome === 'DELIVERED' ? undefined : settlement.error;
    if (settlement.outcome === 'DELIVERED') logger.debug(fields, 'notifications: delivered');
    else if (settlement.outcome === 'RETRY') logger.info({ ...fields, error, retryInMs: settlement.delayMs }, 'notifications: attempt failed; will retry');
    else if (settlement.outcome === 'FAILED') logger.error({ ...fields, error }, 'notifications: giving up');
    else logger.warn({ ...fields, error }, 'notifications: email notification is undeliverable');
    const { id, status, attempts } = notification;
    try {
      onSettled?.({ id, jobUuid: notification.job.uuid, status, outcome: settlement.outcome, attempts, ...(error === undefined ? {} : { error }) });
    } catch (listenerError) {
      logger.error({ ...fields, err: listenerError }, 'notifications: the onSettled listener threw; the attempt is recorded all the same');
    }
  }

  /** Sets the timer for the earliest pending notification (a retry's delay, another deliverer's lease). */
  async #scheduleNextDue(): Promise<void> {
    const delay = await millisecondsUntilNextDue(this.#options.db);
    clearTimeout(this.#dueTimer);
    this.#dueTimer = undefined;
    if (delay === undefined || this.#state !== 'running') return;
    this.#dueTimer = setTimeout(() => this.wake(), Math.min(delay, MAX_TIMER_MS));
    this.#dueTimer.unref();
  }
}
