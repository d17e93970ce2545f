/**
 * The environment as a configuration layer: the variables of config-keys.ts, each read as text
 * and converted by its kind. An empty variable counts as unset, as shells and container
 * definitions often leave `PORT=` behind.
 */
import { configKeys, valueFromText } from './config-keys.js';
import { layerFromGivenValues, type ConfigLayer, type GivenValue } from './config-layer.js';

/** Reads the configuration's environment variables; relative paths resolve against `cwd`. */
export function readEnvironmentLayer(env: Readonly<Record<string, string | undefined>>, cwd: string): ConfigLayer {
  const given = new Map<string, GivenValue>();
  for (const entry of configKeys) {
    const text = entry.env === undefined ? undefined : env[entry.env];
    if (entry.env === undefined || text === undefined || text === '') continue;
    given.set(entry.key, {
      value: valueFromText(entry.kind, text),
      origin: { source: `environment variable ${entry.env}`, key: entry.key, raw: text },
    });
  }
  return layerFromGivenValues('the environment', cwd, given);
}
