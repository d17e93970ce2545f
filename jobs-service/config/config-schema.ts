/**
 * The jobs service configuration as one zod schema: it gives the type, the defaults and the
 * validation (STYLE.md, habit 4). Every source (the config file, the environment, the flags) is
 * checked against it, and so is their merge. docs/jobs-service/configuration.md describes each key.
 */
import { z } from 'zod';
import { notificationSettingsSchema } from '../notifications/notification-settings.js';

/** An integer in a range, with one message for every way of missing it. */
function integer(min: number, max?: number) {
  const error = max === undefined ? `expected an integer of at least ${min}` : `expected an integer from ${min} to ${max}`;
  const atLeast = z.int({ error }).min(min, { error });
  return max === undefined ? atLeast : atLeast.max(max, { error });
}

/** A string that must not be empty. */
function text(what = 'a non-empty string') {
  const error = `expected ${what}`;
  return z.string({ error }).min(1, { error });
}

/** One of a fixed list of words. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.map((value) => `'${value}'`).join(', ')}` });
}

const flag = z.boolean({ error: 'expected true or false' });

/** The levels pino understands; `silent` logs nothing. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The service's modes: development creates a signing key of its own; production needs one configured. */
export const serviceModes = ['development', 'production'] as const;

const publicUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL such as https://jobs.example.org' })
  .transform((url) => url.replace(/\/+$/, ''));

const databaseUrl = text('a PostgreSQL URL such as postgres://user:password@host:5432/jobfloor').regex(/^postgres(ql)?:\/\//, {
  error: 'expected a PostgreSQL URL such as postgres://user:password@host:5432/jobfloor',
});

const queueName = z.string().regex(/^[^\s,]+$/, { error: 'expected queue names without spaces or commas' });

/** Which parts of the service this process runs. */
const rolesObject = z.strictObject({
    /** Serve the REST API. */
    api: flag.default(true),
    /** Run the workers (the intake and, later, the job workers). */
    worker: flag.default(true),
});

/** The durable intake's safety sweep; NOTIFY wakes the intake, the sweep only catches what a lost notification left. */
const intakeObject = z.strictObject({
    /** Accepted requests promoted to PENDING per transaction. */
    batchSize: integer(1, 1000).default(100),
    /** How often the intake looks for accepted requests that no notification announced, in milliseconds. */
    sweepIntervalMs: integer(1000).default(30_000),
});

/** The job workers: how many jobs a process runs at once, and how they hold and check them. */
const workerObject = z.strictObject({
    /** Jobs one worker process runs at once. */
    concurrency: integer(1, 1000).default(16),
    /** How long a claim on a job lasts without renewal; a dead worker's jobs are taken over after it, in milliseconds. */
    leaseMs: integer(1000).default(30_000),
    /** Claims of one checkpoint without progress before the job is failed. */
    maxAttempts: integer(1, 100).default(5),
    /** The first delay between two status checks of a running job, in milliseconds. */
    monitorInitialDelayMs: integer(10).default(1_000),
    /** The longest delay between two status checks; the delay doubles up to it. */
    monitorMaxDelayMs: integer(10).default(30_000),
});

/** How bearer tokens are verified and read. */
const authObject = z.strictObject({
    /** A JSON Web Key Set file with the RS256 or ES256 public keys that sign tokens. */
    jwksFile: text('a path to a JWKS file').optional(),
    /** A PEM public key (SPKI, `-----BEGIN PUBLIC KEY-----`), RSA for RS256 or P-256 for ES256. */
    publicKeyFile: text('a path to a PEM public key file').optional(),
    /** A shared secret; HS256 tokens are accepted only when this is set. */
    hs256Secret: z
      .string({ error: 'expected a secret of at least 32 characters' })
      .min(32, { error: 'expected a secret of at least 32 characters; generate one with `openssl rand -base64 48`' })
      .optional(),
    /** The required `iss` claim, when set. */
    issuer: text().optional(),
    /** The required `aud` claim (one of its values), when set. */
    audience: text().optional(),
    /** The claim holding the tenant id. */
    tenantClaim: text('a claim name').default('tenant'),
    /** The claim holding the user name. */
    userClaim: text('a claim name').default('sub'),
    /** The claim holding the roles: an array of strings or a comma- or space-separated string. */
    rolesClaim: text('a claim name').default('roles'),
    /** A role that makes the token's user an administrator of its tenant. */
    adminRole: text('a role name').default('admin'),
    /** Leeway for `exp` and `nbf`, in seconds, for clocks that disagree a little. */
    clockToleranceSeconds: integer(0).default(30),
});

/** The message of the production-mode check; exported for the tests and the docs. */
export const PRODUCTION_NEEDS_KEY =
  "production mode needs a key to verify tokens: set auth.jwksFile (JOBFLOOR_AUTH_JWKS_FILE), auth.publicKeyFile (JOBFLOOR_AUTH_PUBLIC_KEY_FILE) or auth.hs256Secret (JOBFLOOR_AUTH_HS256_SECRET), or use mode 'development'";

const rootObject = z.strictObject({
  mode: oneOf(serviceModes).default('development'),
  host: text('a host name or IP address').default('127.0.0.1'),
  port: integer(0, 65535).default(8080),
  publicUrl: publicUrl.optional(),
  dataDir: text('a directory path').default('./.jobfloor'),
  databaseUrl: databaseUrl.optional(),
  roles: rolesObject.prefault({}),
  workerQueues: z.array(queueName, { error: 'expected a list of queue names' }).default([]),
  bodyLimitBytes: integer(1).default(1_048_576),
  logLevel: oneOf(logLevels).default('info'),
  intake: intakeObject.prefault({}),
  worker: workerObject.prefault({}),
  notifications: notificationSettingsSchema.prefault({}),
  auth: authObject.prefault({}),
});

/** The keys the config file may hold, by section (`''` is the top level), for "did you mean" hints. */
export const configFileSections: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(rootObject.shape),
  roles: Object.keys(rolesObject.shape),
  intake: Object.keys(intakeObject.shape),
  worker: Object.keys(workerObject.shape),
  notifications: Object.keys(notificationSettingsSchema.shape),
  auth: Object.keys(authObject.shape),
};

/** The whole configuration. Parsing `{}` gives the defaults. */
export const serviceConfigSchema = rootObject
  .superRefine((config, context) => {
    const { jwksFile, publicKeyFile, hs256Secret } = config.auth;
    if (config.mode === 'production' && !jwksFile && !publicKeyFile && !hs256Secret) {
      // A check across keys: the loader runs it on the merged sources only (see `crossSource`).
      context.addIssue({ code: 'custom', path: ['mode'], message: PRODUCTION_NEEDS_KEY, params: { crossSource: true } });
    }
  })
  .transform((config) => ({ ...config, publicUrl: config.publicUrl ?? defaultPublicUrl(config.host, config.port) }));

/** The validated, defaulted configuration. `loadServiceConfig` returns it frozen. */
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/**
 * `http://host:port`, the base of `_links` when `publicUrl` is not set. A wildcard host
 * (0.0.0.0, ::) is not an address a client can use, so it becomes `localhost`.
 */
export function defaultPublicUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
