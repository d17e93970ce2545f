/**
 * Job notifications (seed 002's notification table; docs/jobs-service/notifications.md): status
 * changes enqueue them in the outbox through a trigger of migration 003, in the transaction of
 * the change; a {@link NotificationDeliverer} sends them.
 */
export { NotificationDeliverer, type DelivererState, type NotificationDelivererOptions, type NotificationSettled } from './notification-deliverer.js';
export { notificationSettings, notificationSettingsSchema, type NotificationSettings, type NotificationSettingsInput } from './notification-settings.js';
export { NOTIFICATION_CHANNEL } from './notification-channel.js';
export { NO_SMTP_CONFIGURED, emailMessage, type EmailMessage, type EmailSender } from './email-notification.js';
export type { NotificationBody } from './notification-body.js';
export { fillTemplates, templateValues, type NotificationTemplate, type TemplateValues } from './notification-templates.js';
export type { Settlement } from './settle-notification.js';
export { retryDelayMs } from './retry-delay.js';
