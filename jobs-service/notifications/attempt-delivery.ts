import type { ClaimedNotification } from './claimed-notification.js';
import { emailMessage, NO_SMTP_CONFIGURED, type EmailSender } from './email-notification.js';
import type { HttpNotificationSender, SendResult } from './http-notification-sender.js';
import { notificationBody, type NotificationBody } from './notification-body.js';
import type { NotificationSettings } from './notification-settings.js';
import { notificationTarget } from './notification-target.js';
import { fillTemplates, templateValues } from './notification-templates.js';
import { retryDelayMs } from './retry-delay.js';
import type { Settlement } from './settle-notification.js';

/** What one attempt needs besides the notification. */
export interface DeliveryContext {
  /** The service's base URL, for `${JOB_URL}` and `${JOB_ARCHIVE_URL}`. */
  readonly publicUrl: string;
  readonly http: HttpNotificationSender;
  /** Absent: email notifications are UNDELIVERABLE. */
  readonly emailSender: EmailSender | undefined;
  readonly settings: Pick<NotificationSettings, 'maxAttempts' | 'initialRetryDelayMs' | 'maxRetryDelayMs'>;
}

async function sendEmail(sender: EmailSender, to: string, body: NotificationBody): Promise<SendResult> {
  try {
    await sender.send(emailMessage(to, body));
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), permanent: false };
  }
}

/** Turns a failed send into a retry while attempts remain, and into FAILED after the last one. */
function settlementOf(result: SendResult, attempts: number, settings: DeliveryContext['settings']): Settlement {
  if (result.ok) return { outcome: 'DELIVERED' };
  if (result.permanent) return { outcome: 'FAILED', error: result.error };
  if (attempts >= settings.maxAttempts) {
    return { outcome: 'FAILED', error: `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}; the last one: ${result.error}` };
  }
  return { outcome: 'RETRY', error: result.error, delayMs: retryDelayMs(attempts, settings) };
}

/**
 * Makes one attempt at a claimed notification: fills its URL's templates and POSTs the JSON
 * body, or emails it, and says what should become of it. Never rejects.
 */
export async function attemptDelivery(notification: ClaimedNotification, context: DeliveryContext): Promise<Settlement> {
  const values = templateValues(notification, context.publicUrl);
  const body = notificationBody(notification, values);
  const target = notificationTarget(notification.target);
  let result: SendResult;
  if (target.kind === 'http') result = await context.http.post(fillTemplates(target.urlTemplate, values), body);
  else if (context.emailSender !== undefined) result = await sendEmail(context.emailSender, target.address, body);
  else return { outcome: 'UNDELIVERABLE', error: NO_SMTP_CONFIGURED };
  return settlementOf(result, notification.attempts, context.settings);
}
