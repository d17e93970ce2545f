/**
 * The channel on which the outbox trigger (migration 003_notifications.sql) wakes the
 * deliverers when a committed status change enqueued notifications; the payload is the job's
 * UUID. The SQL names it literally; a test keeps the two in step.
 */
export const NOTIFICATION_CHANNEL = 'jobfloor_notify';
