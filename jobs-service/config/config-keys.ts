/**
 * The service configuration's keys that an environment variable or a command-line flag can set,
 * with how their text becomes a value. This table drives the environment and flag readers, the
 * error messages (which name the variable or flag a value came from) and the test that keeps
 * docs/jobs-service/configuration.md complete. Keys missing here are set in the config file only.
 */

/** How the text of an environment variable or flag becomes a value for the schema to check. */
export type ConfigTextKind = 'string' | 'integer' | 'list';

/** One key that the environment or the command line can set. */
export interface ConfigKey {
  /** The dotted key in the configuration, as in the config file: `port`, `auth.issuer`. */
  readonly key: string;
  /** The environment variable that sets it, if any. */
  readonly env?: string;
  /** The command-line flag that sets it, without the dashes, if any. */
  readonly flag?: string;
  /** How the text is read: as is, as a number, or as a comma-separated list. */
  readonly kind: ConfigTextKind;
  /** A file-system path: a relative value is resolved against the directory of its source. */
  readonly path?: boolean;
  /** Never shown in messages: a secret, or a URL that may hold a password. */
  readonly secret?: boolean;
}

/** Every key with an environment variable or a flag, in the order the documentation lists them. */
export const configKeys: readonly ConfigKey[] = [
  { key: 'mode', env: 'JOBFLOOR_MODE', flag: 'mode', kind: 'string' },
  { key: 'host', env: 'HOST', flag: 'host', kind: 'string' },
  { key: 'port', env: 'PORT', flag: 'port', kind: 'integer' },
  { key: 'publicUrl', env: 'JOBFLOOR_PUBLIC_URL', flag: 'public-url', kind: 'string' },
  { key: 'dataDir', env: 'JOBFLOOR_DATA_DIR', flag: 'data-dir', kind: 'string', path: true },
  { key: 'databaseUrl', env: 'DATABASE_URL', flag: 'database-url', kind: 'string', secret: true },
  { key: 'workerQueues', env: 'JOBFLOOR_WORKER_QUEUES', flag: 'queues', kind: 'list' },
  { key: 'bodyLimitBytes', env: 'JOBFLOOR_BODY_LIMIT', kind: 'integer' },
  { key: 'logLevel', env: 'JOBFLOOR_LOG_LEVEL', flag: 'log-level', kind: 'string' },
  { key: 'auth.jwksFile', env: 'JOBFLOOR_AUTH_JWKS_FILE', kind: 'string', path: true },
  { key: 'auth.publicKeyFile', env: 'JOBFLOOR_AUTH_PUBLIC_KEY_FILE', kind: 'string', path: true },
  { key: 'auth.hs256Secret', env: 'JOBFLOOR_AUTH_HS256_SECRET', kind: 'string', secret: true },
  { key: 'auth.issuer', env: 'JOBFLOOR_AUTH_ISSUER', kind: 'string' },
  { key: 'auth.audience', env: 'JOBFLOOR_AUTH_AUDIENCE', kind: 'string' },
];

/** The environment variable that names the config file. */
export const CONFIG_FILE_ENV = 'JOBFLOOR_CONFIG';

/** The config file read when neither `--config` nor `JOBFLOOR_CONFIG` names one, if it exists. */
export const DEFAULT_CONFIG_FILE = 'jobfloor.config.json';

/** Flags that are not a key of their own: `--config` names the file, `--api`/`--worker` pick the roles. */
export const SPECIAL_FLAGS = ['config', 'api', 'worker'] as const;

/** Every flag the service configuration understands, without dashes. */
export const serviceConfigFlagNames: readonly string[] = [
  'config',
  ...configKeys.flatMap((entry) => (entry.flag === undefined ? [] : [entry.flag])),
  'api',
  'worker',
];

/** Whether a value at this dotted key must never be printed. */
export function isSecretKey(key: string): boolean {
  return configKeys.some((entry) => entry.secret === true && (key === entry.key || key.startsWith(`${entry.key}.`)));
}

/** The table entry whose key is `key` or contains it (`workerQueues.1` is inside `workerQueues`). */
export function configKeyContaining(key: string): ConfigKey | undefined {
  return configKeys.find((entry) => key === entry.key || key.startsWith(`${entry.key}.`));
}

/** Turns the text of a variable or flag into the value the schema checks; bad text stays text, for the message. */
export function valueFromText(kind: ConfigTextKind, text: string): unknown {
  if (kind === 'list') return text.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (kind === 'integer' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text)) return Number(text);
  return text;
}
