import type { NotificationBody } from './notification-body.js';

/**
 * Seed 002 allows an email address as a notification's `url`. jobfloor ships no mail client:
 * unless the service is given an {@link EmailSender}, such notifications are logged and marked
 * UNDELIVERABLE with this reason, and never retried.
 */
export const NO_SMTP_CONFIGURED =
  'no SMTP server is configured, so email notifications cannot be sent; notify an http(s) URL instead, or give the deliverer an emailSender';

/** One email to send. */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  /** Plain text. */
  readonly text: string;
}

/**
 * Sends email, e.g. through an SMTP server. A rejection counts as a failed attempt and is
 * retried like a failed POST. No implementation ships with jobfloor yet.
 */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

/** The email for a notification: the event in the subject, the JSON body (as POSTed) as the text. */
export function emailMessage(to: string, body: NotificationBody): EmailMessage {
  return {
    to,
    subject: `Job ${body.job.name} (${body.job.id}) ${body.event}`,
    text: `${body.job.message}\n\n${body.job.url}\n\n${JSON.stringify(body, null, 2)}\n`,
  };
}
