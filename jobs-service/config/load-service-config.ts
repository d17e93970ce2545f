/**
 * Loads the service configuration from its four sources, lowest precedence first: the schema's
 * defaults, the config file, the environment variables, the command-line flags. Each source is
 * checked on its own, so that every bad value is reported with the source that gave it (a bad
 * value stays an error even when a higher source overrides it); the merge is then checked for
 * rules across keys. All problems are thrown together in one ConfigError.
 */
import path from 'node:path';
import type { ConfigIssue } from './config-error.js';
import { ConfigError } from './config-error.js';
import { chooseConfigFile, readConfigFile } from './config-file.js';
import { crossSourceIssues, issuesOfLayer } from './config-issues.js';
import { configKeys } from './config-keys.js';
import { mergeLayers, setValueAt, valueAt, type ConfigLayer } from './config-layer.js';
import { serviceConfigSchema, type ServiceConfig } from './config-schema.js';
import { readEnvironmentLayer } from './env-layer.js';
import { readFlagLayer } from './flag-layer.js';

/** What the configuration is read from. */
export interface ServiceConfigInput {
  /** The command-line arguments after the command name, e.g. `['--port', '9000']`. */
  readonly argv: readonly string[];
  /** The environment, usually `process.env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory that relative paths (and `./jobfloor.config.json`) are found from; default `process.cwd()`. */
  readonly cwd?: string;
}

/**
 * The service configuration, validated, with defaults filled in, relative paths made absolute
 * and the whole object frozen. Throws a ConfigError that lists every problem, each naming its
 * source and key.
 */
export function loadServiceConfig(input: ServiceConfigInput): ServiceConfig {
  const cwd = path.resolve(input.cwd ?? process.cwd());
  const flags = readFlagLayer(input.argv, cwd);
  const environment = readEnvironmentLayer(input.env, cwd);
  const choice = chooseConfigFile(flags.configFile, input.env, cwd);
  const file = choice === undefined ? { issues: [] } : readConfigFile(choice, cwd);
  const layers = [file.layer, environment, flags.layer].filter((layer): layer is ConfigLayer => layer !== undefined);
  const issues: ConfigIssue[] = [...file.issues, ...flags.issues, ...layers.flatMap(layerIssues)];
  const merged = serviceConfigSchema.safeParse(mergeLayers(layers));
  const highestFirst = [...layers].reverse();
  if (!merged.success) issues.push(...crossSourceIssues(merged.error, highestFirst));
  if (issues.length > 0 || !merged.success) {
    throw new ConfigError(issues.length > 0 ? issues : [{ source: 'configuration', key: '', message: String(merged.error) }]);
  }
  return deepFreeze(resolvePathKeys(merged.data, highestFirst, cwd));
}

/** The problems of one source's values checked on their own (with defaults for the rest). */
function layerIssues(layer: ConfigLayer): ConfigIssue[] {
  const result = serviceConfigSchema.safeParse(layer.values);
  return result.success ? [] : issuesOfLayer(layer, result.error);
}

/**
 * Makes relative paths absolute: a path from the config file is relative to the file's
 * directory, one from the environment, the flags or the defaults to the working directory.
 * A URL-like value (`memory://...`, which the database treats as in-memory) is kept as it is.
 */
function resolvePathKeys(config: ServiceConfig, highestFirst: readonly ConfigLayer[], cwd: string): ServiceConfig {
  const resolved = structuredClone(config);
  for (const { key } of configKeys.filter((entry) => entry.path === true)) {
    const value = valueAt(resolved, key);
    if (typeof value !== 'string' || path.isAbsolute(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
    const base = highestFirst.find((layer) => layer.origin(key) !== undefined)?.baseDir ?? cwd;
    setValueAt(resolved as unknown as Record<string, unknown>, key, path.resolve(base, value));
  }
  return resolved;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
