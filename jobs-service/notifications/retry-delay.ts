import type { NotificationSettings } from './notification-settings.js';

/**
 * How long to wait before the next attempt after `failedAttempts` failed ones: exponential
 * backoff, `initialRetryDelayMs × 2^(failedAttempts − 1)`, capped at `maxRetryDelayMs`. There is
 * no jitter: notifications of different jobs fail at unrelated times already, and a
 * deterministic schedule is easier to explain to a receiver's operator.
 */
export function retryDelayMs(
  failedAttempts: number,
  settings: Pick<NotificationSettings, 'initialRetryDelayMs' | 'maxRetryDelayMs'>,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(settings.maxRetryDelayMs, settings.initialRetryDelayMs * 2 ** exponent);
}
