/**
 * The deliverer's tunables as one zod schema (STYLE.md, habit 4): it gives the type, the defaults
 * and the validation. It is shaped so that the service configuration can hold it as a
 * `notifications` section; parsing `{}` gives the defaults.
 */
import { z } from 'zod';

function integer(min: number, max: number) {
  const error = `expected an integer from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

// Timers cannot wait longer than 2^31 - 1 ms; nothing here needs to.
const MAX_MS = 2_147_483_647;

/** The schema of {@link NotificationSettings}. */
export const notificationSettingsSchema = z
  .strictObject({
    /** Notifications claimed and sent together, in one short claiming statement. Default 10. */
    batchSize: integer(1, 1000).default(10),
    /**
     * How often the deliverer looks for due notifications that no NOTIFY or retry timer
     * announced (a dropped LISTEN connection, a crashed deliverer's lease running out), in ms.
     * Default 60 000.
     */
    sweepIntervalMs: integer(1, MAX_MS).default(60_000),
    /**
     * How long a claimed notification stays reserved for the deliverer sending it, in ms. Another
     * deliverer takes it over only after this, so it must exceed `requestTimeoutMs`. Default 60 000.
     */
    leaseMs: integer(1, MAX_MS).default(60_000),
    /** Longest time one POST may take, connecting and reading the answer included, in ms. Default 10 000. */
    requestTimeoutMs: integer(1, MAX_MS).default(10_000),
    /** Attempts before a notification is given up as FAILED, the first one included. Default 5. */
    maxAttempts: integer(1, 100).default(5),
    /** Delay before the first retry, in ms; it doubles with each further failure. Default 1 000. */
    initialRetryDelayMs: integer(1, MAX_MS).default(1_000),
    /** Longest delay between two attempts, in ms. Default 300 000 (5 minutes). */
    maxRetryDelayMs: integer(1, MAX_MS).default(300_000),
  })
  .superRefine((settings, context) => {
    if (settings.leaseMs <= settings.requestTimeoutMs) {
      context.addIssue({
        code: 'custom',
        path: ['leaseMs'],
        message: `leaseMs (${settings.leaseMs}) must be longer than requestTimeoutMs (${settings.requestTimeoutMs}), or a second deliverer may send a notification that is still being sent; raise leaseMs or lower requestTimeoutMs`,
      });
    }
  });

/** The validated, defaulted settings of a {@link NotificationDeliverer}. */
export type NotificationSettings = Readonly<z.output<typeof notificationSettingsSchema>>;

/** What a caller may give: any subset of the settings. */
export type NotificationSettingsInput = z.input<typeof notificationSettingsSchema>;

/**
 * Validates `input` and fills in the defaults. Throws an Error listing every bad setting with
 * its fix; the result is frozen.
 */
export function notificationSettings(input: NotificationSettingsInput = {}): NotificationSettings {
  const parsed = notificationSettingsSchema.safeParse(input);
  if (!parsed.success) throw new Error(`Invalid notification settings:\n${z.prettifyError(parsed.error)}`);
  return Object.freeze(parsed.data);
}
