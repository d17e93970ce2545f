import { describe, expect, it } from 'vitest';
import { notificationSettings } from '../../../jobs-service/notifications/notification-settings.js';
import { retryDelayMs } from '../../../jobs-service/notifications/retry-delay.js';

describe('notification settings', () => {
  it('has documented defaults and is frozen', () => {
    const settings = notificationSettings();
    expect(settings).toEqual({
      batchSize: 10,
      sweepIntervalMs: 60_000,
      leaseMs: 60_000,
      requestTimeoutMs: 10_000,
      maxAttempts: 5,
      initialRetryDelayMs: 1_000,
      maxRetryDelayMs: 300_000,
    });
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('lists every bad setting with its fix', () => {
    expect(() => notificationSettings({ maxAttempts: 0, batchSize: 1.5 })).toThrow(
      'Invalid notification settings:\n✖ expected an integer from 1 to 1000\n  → at batchSize\n✖ expected an integer from 1 to 100\n  → at maxAttempts',
    );
    expect(() => notificationSettings({ leaseMs: 5_000 })).toThrow(
      'leaseMs (5000) must be longer than requestTimeoutMs (10000), or a second deliverer may send a notification that is still being sent; raise leaseMs or lower requestTimeoutMs',
    );
    // @ts-expect-error: a misspelt key is refused, not ignored
    expect(() => notificationSettings({ maxAttempt: 3 })).toThrow('Unrecognized key: "maxAttempt"');
  });
});

describe('the retry delay', () => {
  it('doubles from the initial delay with each failed attempt, up to the maximum', () => {
    const settings = { initialRetryDelayMs: 1_000, maxRetryDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6, 1_000].map((failed) => retryDelayMs(failed, settings))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });
});
