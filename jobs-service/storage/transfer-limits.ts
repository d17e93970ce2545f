/**
 * The limits of every transfer that storage makes: downloads, copies from `file` systems and
 * uploads to `http` archive systems. One zod schema gives the type, the defaults and the checks
 * (STYLE.md, habit 4), so the service configuration can embed it as it is.
 */
import { z } from 'zod';

const positive = (name: string, what: string) => z.int({ error: `${name} must be a whole number` }).min(1, `${name} must be at least 1`).describe(what);

/** The transfer limits as input; every key is optional and documents its default. */
export const transferLimitsSchema = z
  .object({
    maxBytes: positive('maxBytes', 'Largest file, in bytes, that is downloaded, copied or uploaded. Default: 1 GiB.').default(1024 ** 3),
    connectTimeoutMs: positive('connectTimeoutMs', 'Longest wait for a TCP (and TLS) connection. Default: 10 s.').default(10_000),
    bodyTimeoutMs: positive('bodyTimeoutMs', "Longest silence from a server: before its answer's headers or between two chunks of its body. Default: 30 s.").default(30_000),
    maxRedirections: z.int({ error: 'maxRedirections must be a whole number' }).min(0, 'maxRedirections must be 0 (no redirects) or more').default(5).describe('Most redirects followed by a download. Default: 5.'),
  })
  .strict();

/** The transfer limits in force, every one set. */
export type TransferLimits = Readonly<z.output<typeof transferLimitsSchema>>;

/** The transfer limits as given: any subset. */
export type TransferLimitsInput = z.input<typeof transferLimitsSchema>;

/**
 * The limits in force: `given` over the defaults, validated and frozen. An invalid value throws
 * the schema's error, which names the key; it is a programming or configuration error.
 */
export function transferLimits(given: TransferLimitsInput = {}): TransferLimits {
  return Object.freeze(transferLimitsSchema.parse(given));
}
