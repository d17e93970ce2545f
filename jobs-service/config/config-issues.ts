/**
 * Turns zod's issues into configuration issues that name the source and the key of the bad
 * value and show what was given (`expected an integer from 0 to 65535, got "http"`), never a secret.
 */
import type { z } from 'zod';
import { didYouMean } from '../../framework/config/suggest.js';
import type { ConfigIssue } from './config-error.js';
import { isSecretKey } from './config-keys.js';
import { dottedKey, type ConfigLayer } from './config-layer.js';
import { configFileSections } from './config-schema.js';

type ZodIssue = z.core.$ZodIssue;

/** Whether an issue is a check across keys, which only the merged sources can decide. */
export function isCrossSourceIssue(issue: ZodIssue): boolean {
  return issue.code === 'custom' && (issue.params as { crossSource?: unknown } | undefined)?.crossSource === true;
}

/** The issues of one source checked on its own; checks across keys are left to the merge. */
export function issuesOfLayer(layer: ConfigLayer, error: z.ZodError): ConfigIssue[] {
  return error.issues
    .filter((issue) => !isCrossSourceIssue(issue))
    .flatMap((issue) => (issue.code === 'unrecognized_keys' ? unknownKeyIssues(layer, issue.path, issue.keys) : [valueIssue(layer, issue)]));
}

/**
 * The checks across keys of the merged sources, each named after the source of the key it is
 * about: the production check after whatever set `mode`. `layers` go highest precedence first.
 */
export function crossSourceIssues(error: z.ZodError, layers: readonly ConfigLayer[]): ConfigIssue[] {
  return error.issues.filter(isCrossSourceIssue).map((issue) => {
    const key = dottedKey(issue.path);
    const origin = layers.map((layer) => layer.origin(key)).find((found) => found !== undefined);
    return { source: origin?.source ?? 'defaults', key, message: issue.message };
  });
}

function valueIssue(layer: ConfigLayer, issue: ZodIssue): ConfigIssue {
  const key = dottedKey(issue.path);
  const origin = layer.origin(key);
  return { source: origin?.source ?? layer.label, key, message: `${issue.message}${describeGiven(key, origin?.raw)}` };
}

/** `, got "http"`; for a secret only its length; nothing when there is no value. */
function describeGiven(key: string, raw: unknown): string {
  if (raw === undefined) return '';
  if (isSecretKey(key)) return typeof raw === 'string' ? `, got ${raw.length} characters (not shown)` : `, got a ${typeof raw}`;
  const json = JSON.stringify(raw) ?? String(raw);
  return `, got ${json.length > 80 ? `${json.slice(0, 79)}…` : json}`;
}

function unknownKeyIssues(layer: ConfigLayer, path: readonly PropertyKey[], keys: readonly string[]): ConfigIssue[] {
  const section = dottedKey(path);
  return keys.map((name) => ({
    source: layer.label,
    key: section === '' ? name : `${section}.${name}`,
    message: `unknown key; remove it or correct its spelling.${suggestKey(section, name)}`,
  }));
}

/** A close key of the same section, or else the section where a key of that exact name lives. */
function suggestKey(section: string, name: string): string {
  const close = didYouMean(name, configFileSections[section] ?? []);
  if (close !== '') return close;
  const home = Object.entries(configFileSections).find(([other, keys]) => other !== section && keys.includes(name));
  if (home === undefined) return '';
  return home[0] === '' ? ` '${name}' is a top-level key; move it out of '${section}'.` : ` '${name}' belongs in '${home[0]}': move it to ${home[0]}.${name}.`;
}
