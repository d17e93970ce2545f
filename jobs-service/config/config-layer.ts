/**
 * A configuration source read into the shape of the config file, together with a way to name
 * where each of its values came from. The loader checks each layer on its own, so an error names
 * the source that holds the bad value, then merges them: defaults < file < environment < flags.
 */
import { configKeyContaining } from './config-keys.js';

/** Where one value came from. */
export interface ValueOrigin {
  /** The source, as messages name it: `environment variable PORT`, `config file ./x.json`. */
  readonly source: string;
  /** The dotted key. */
  readonly key: string;
  /** The value as the source gave it (the text of a variable or flag), for `got ...` in messages. */
  readonly raw: unknown;
}

/** One source's values and their origins. */
export interface ConfigLayer {
  /** The source as a whole, for problems with no single key: `command line`, `config file ./x.json`. */
  readonly label: string;
  /** The values, nested as in the config file. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The directory that relative paths given by this source are resolved against. */
  readonly baseDir: string;
  /** Where the value at `key` (dotted) came from, or undefined if this source does not set it. */
  origin(key: string): ValueOrigin | undefined;
}

/** A dotted key from a zod issue path: `['workerQueues', 1]` becomes `workerQueues.1`. */
export function dottedKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The value at a dotted key, or undefined. */
export function valueAt(values: unknown, key: string): unknown {
  if (key === '') return values;
  let current = values;
  for (const segment of key.split('.')) {
    if (!isPlainObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Sets the value at a dotted key, creating the objects on the way. */
export function setValueAt(values: Record<string, unknown>, key: string, value: unknown): void {
  const segments = key.split('.');
  const last = segments.pop()!;
  let current = values;
  for (const segment of segments) {
    const next = current[segment];
    current = isPlainObject(next) ? next : (current[segment] = {});
  }
  current[last] = value;
}

/** Whether a value is a plain object (a JSON object), not an array or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges layers, later ones winning; objects merge key by key, anything else is replaced. */
export function mergeLayers(layers: readonly ConfigLayer[]): Record<string, unknown> {
  return layers.reduce<Record<string, unknown>>((merged, layer) => mergeObjects(merged, layer.values), {});
}

function mergeObjects(base: Readonly<Record<string, unknown>>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeObjects(current, value) : value;
  }
  return merged;
}

/** A value given by a variable or a flag: the value the schema checks, and where it came from. */
export interface GivenValue {
  readonly value: unknown;
  readonly origin: ValueOrigin;
}

/**
 * A layer read from named variables or flags: `given` maps each key set (a key of the table in
 * config-keys.ts) to its value; a deeper key (`workerQueues.1`) is found through its table key.
 */
export function layerFromGivenValues(label: string, baseDir: string, given: ReadonlyMap<string, GivenValue>): ConfigLayer {
  const values: Record<string, unknown> = {};
  for (const [key, { value }] of given) setValueAt(values, key, value);
  const originOf = (key: string): ValueOrigin | undefined =>
    given.get(key)?.origin ?? given.get(configKeyContaining(key)?.key ?? key)?.origin ?? childOrigin(given, key);
  return { label, values, baseDir, origin: originOf };
}

/** The origin of a key set as a whole (`roles`, from `--api`), found through one of its children. */
function childOrigin(given: ReadonlyMap<string, GivenValue>, key: string): ValueOrigin | undefined {
  for (const [setKey, { origin }] of given) if (setKey.startsWith(`${key}.`)) return origin;
  return undefined;
}
