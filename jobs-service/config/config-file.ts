/**
 * The config file as a configuration layer: `--config FILE`, else `JOBFLOOR_CONFIG`, else
 * `./jobfloor.config.json` when it exists. The file is JSON with the keys of the schema, nested
 * as in the configuration (`{ "auth": { "audience": "jobs" } }`); `$schema` is allowed for editors.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigIssue } from './config-error.js';
import { CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE } from './config-keys.js';
import { isPlainObject, valueAt, type ConfigLayer } from './config-layer.js';

/** The config file to read and what named it. */
export interface ConfigFileChoice {
  /** The absolute path. */
  readonly file: string;
  /** `flag --config` or `environment variable JOBFLOOR_CONFIG`; undefined for the default file. */
  readonly namedBy?: string;
}

/** What reading the config file gave: its layer (none when there is no file or it is unusable) and the problems. */
export interface ConfigFileReading {
  readonly layer?: ConfigLayer;
  readonly issues: readonly ConfigIssue[];
}

/** Picks the config file, or undefined when none is named and the default does not exist. */
export function chooseConfigFile(flagValue: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): ConfigFileChoice | undefined {
  if (flagValue !== undefined) return { file: path.resolve(cwd, flagValue), namedBy: 'flag --config' };
  const fromEnv = env[CONFIG_FILE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { file: path.resolve(cwd, fromEnv), namedBy: `environment variable ${CONFIG_FILE_ENV}` };
  const fallback = path.resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? { file: fallback } : undefined;
}

/** Reads and parses the chosen config file. */
export function readConfigFile(choice: ConfigFileChoice, cwd: string): ConfigFileReading {
  const label = `config file ${displayPath(choice.file, cwd)}`;
  let text: string;
  try {
    text = readFileSync(choice.file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    const message = `cannot read ${displayPath(choice.file, cwd)}: ${reason}; check the path, or remove the setting to run without a config file`;
    return { issues: [{ source: choice.namedBy ?? label, key: '', message }] };
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    return { issues: [{ source: label, key: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (!isPlainObject(values)) {
    return { issues: [{ source: label, key: '', message: `expected a JSON object of configuration keys, got ${Array.isArray(values) ? 'an array' : JSON.stringify(values)}` }] };
  }
  const { $schema: _editorSchema, ...keys } = values;
  return { layer: fileLayer(label, keys, path.dirname(choice.file)), issues: [] };
}

function fileLayer(label: string, values: Record<string, unknown>, baseDir: string): ConfigLayer {
  return {
    label,
    values,
    baseDir,
    origin: (key) => {
      const raw = valueAt(values, key);
      return raw === undefined ? undefined : { source: label, key, raw };
    },
  };
}

/** A path as messages show it: `./x.json` when inside the working directory, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : `./${relative}`;
}
