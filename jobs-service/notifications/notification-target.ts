/**
 * Where a notification goes. Seed 002 lets `url` be "an email address or URL"; the submission
 * (jobs-service/submission/notification-schema.ts) accepted only those two forms, so anything
 * that is not an http(s) URL is an email address.
 */
export type NotificationTarget =
  | { readonly kind: 'http'; readonly urlTemplate: string }
  | { readonly kind: 'email'; readonly address: string };

/** Classifies the `url` of a notification as it was submitted. */
export function notificationTarget(url: string): NotificationTarget {
  return /^https?:\/\//i.test(url) ? { kind: 'http', urlTemplate: url } : { kind: 'email', address: url };
}
