/**
 * The command line as a configuration layer. `node:util` parseArgs reads the flags in its lenient
 * mode, so that every unknown flag, missing value and stray argument becomes an issue of its own
 * instead of stopping at the first.
 */
import { parseArgs } from 'node:util';
import { didYouMean } from '../../framework/config/suggest.js';
import type { ConfigIssue } from './config-error.js';
import { configKeys, serviceConfigFlagNames, valueFromText } from './config-keys.js';
import { layerFromGivenValues, type ConfigLayer, type GivenValue } from './config-layer.js';

/** What the command line says: its layer, the config file `--config` names, and what was wrong. */
export interface FlagReading {
  readonly layer: ConfigLayer;
  /** The value of `--config`, if given. */
  readonly configFile?: string;
  readonly issues: readonly ConfigIssue[];
}

type OptionToken = { kind: 'option'; name: string; rawName: string; index: number; value?: string | undefined; inlineValue?: boolean | undefined };
type Token = OptionToken | { kind: 'positional'; index: number; value: string } | { kind: 'option-terminator'; index: number };

const booleanFlags = new Set(['api', 'worker']);

/** The parseArgs option table of the service's flags; commands that add flags of their own spread it in. */
export const serviceConfigFlagOptions: Readonly<Record<string, { type: 'string' | 'boolean' }>> = Object.fromEntries(
  serviceConfigFlagNames.map((name) => [name, { type: booleanFlags.has(name) ? 'boolean' : 'string' }]),
);

/** Reads the service's flags from `argv` (the arguments after the command name). */
export function readFlagLayer(argv: readonly string[], cwd: string): FlagReading {
  const issues: ConfigIssue[] = [];
  const accepted = new Map<string, string | true>();
  for (const token of tokenize(argv)) {
    const problem = checkToken(token);
    if (problem !== undefined) issues.push(problem);
    else if (token.kind === 'option') accepted.set(token.name, token.value ?? true);
  }
  const configFile = accepted.get('config');
  return {
    layer: layerFromGivenValues('the command line', cwd, givenValues(accepted)),
    ...(typeof configFile === 'string' ? { configFile } : {}),
    issues,
  };
}

/**
 * Splits a command's arguments into the service's flags (with their values) and the rest, so that
 * a command with flags of its own (`jobfloor token --tenant T --data-dir D`) can hand the service's
 * part to `loadServiceConfig` and read the rest itself. Order is kept within each part.
 */
export function splitServiceConfigArgs(argv: readonly string[]): { config: string[]; rest: string[] } {
  const config: string[] = [];
  const rest: string[] = [];
  for (const token of tokenize(argv)) {
    if (token.kind === 'option-terminator') {
      rest.push(...argv.slice(token.index));
      break;
    }
    const known = token.kind === 'option' && serviceConfigFlagNames.includes(token.name);
    const consumed = token.kind === 'option' && token.value !== undefined && token.inlineValue === false ? 2 : 1;
    (known ? config : rest).push(...argv.slice(token.index, token.index + consumed));
  }
  return { config, rest };
}

function tokenize(argv: readonly string[]): Token[] {
  const { tokens } = parseArgs({ args: [...argv], options: serviceConfigFlagOptions, strict: false, allowPositionals: true, tokens: true });
  return tokens as Token[];
}

/** The issue with one token, if any. */
function checkToken(token: Token): ConfigIssue | undefined {
  if (token.kind === 'option-terminator') return undefined;
  if (token.kind === 'positional') {
    return { source: 'command line', key: '', message: `unexpected argument '${token.value}'; the service takes flags only, such as --port 8080` };
  }
  const source = `flag ${token.rawName}`;
  if (!serviceConfigFlagNames.includes(token.name)) {
    const known = serviceConfigFlagNames.map((name) => `--${name}`);
    return { source, key: '', message: `unknown flag.${didYouMean(token.rawName, known)} The flags are ${known.join(', ')}.` };
  }
  if (booleanFlags.has(token.name)) {
    return token.value === undefined ? undefined : { source, key: '', message: `takes no value; give ${token.rawName} on its own` };
  }
  if (token.value === undefined || (token.inlineValue === false && token.value.startsWith('--'))) {
    return { source, key: '', message: `needs a value, as in ${token.rawName} <value>` };
  }
  return undefined;
}

/** The accepted flags as configuration values, keyed by their dotted keys. */
function givenValues(accepted: ReadonlyMap<string, string | true>): Map<string, GivenValue> {
  const given = new Map<string, GivenValue>();
  for (const entry of configKeys) {
    const text = entry.flag === undefined ? undefined : accepted.get(entry.flag);
    if (typeof text !== 'string') continue;
    given.set(entry.key, { value: valueFromText(entry.kind, text), origin: { source: `flag --${entry.flag}`, key: entry.key, raw: text } });
  }
  // --api or --worker alone runs that role only; both run both.
  const api = accepted.has('api');
  const worker = accepted.has('worker');
  if (api || worker) {
    const source = api ? 'flag --api' : 'flag --worker';
    given.set('roles.api', { value: api, origin: { source, key: 'roles.api', raw: api } });
    given.set('roles.worker', { value: worker, origin: { source: worker ? 'flag --worker' : source, key: 'roles.worker', raw: worker } });
  }
  return given;
}
