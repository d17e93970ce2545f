/**
 * A submission's inputs against its app's declarations. Each location is an http(s) URL, a
 * `jobfloor://<storage system>/<path>` URI naming a storage system of the tenant, or a path
 * relative to the app's input system (seed 002: "relative paths to the application's designated
 * storage system or ... a URI"); the job records every one as a URL or a `jobfloor://` URI.
 */
import { didYouMean } from '../../framework/config/suggest.js';
import type { StoredApp } from '../catalog/app-repository.js';
import type { InputDeclaration } from '../catalog/app-definition.js';
import { parseInputLocation, systemUri } from '../catalog/input-locations.js';
import type { StoredSystem } from '../catalog/system-repository.js';
import type { FieldError } from '../validation/field-error.js';

/** The tenant's systems by id. */
export type SystemsById = ReadonlyMap<string, StoredSystem>;

/** What a storage system reference is wrong about, or undefined. */
export function storageSystemProblem(systems: SystemsById, id: string): string | undefined {
  const system = systems.get(id);
  if (system === undefined) return `the tenant has no storage system '${id}'.${didYouMean(id, systems.keys())}`.trimEnd();
  return system.type === 'storage' ? undefined : `'${id}' is an execution system, not a storage system`;
}

/** The URI of one input location, or what is wrong with it. */
function resolveLocation(app: StoredApp, systems: SystemsById, text: string): { uri: string } | { problem: string } {
  const location = parseInputLocation(text);
  switch (location.kind) {
    case 'invalid':
      return { problem: location.problem };
    case 'url':
      return { uri: location.url };
    case 'system': {
      const problem = storageSystemProblem(systems, location.systemId);
      return problem === undefined ? { uri: text } : { problem };
    }
    case 'relative': {
      if (app.inputSystem === undefined) return { problem: `'${text}' is a relative path, but app '${app.id}' names no inputSystem; give a URL or jobfloor://<storage system>/<path>` };
      const problem = storageSystemProblem(systems, app.inputSystem);
      return problem === undefined ? { uri: systemUri(app.inputSystem, location.path) } : { problem: `app '${app.id}': inputSystem: ${problem}` };
    }
  }
}

function resolveInput(app: StoredApp, systems: SystemsById, id: string, declaration: InputDeclaration, value: string | readonly string[], errors: FieldError[]): string | string[] | undefined {
  if (Array.isArray(value) && declaration.multiple !== true) {
    errors.push({ field: `inputs.${id}`, message: `input '${id}' takes one location, not an array (app '${app.id}' does not declare it multiple)` });
    return undefined;
  }
  const texts: readonly string[] = Array.isArray(value) ? value : [value as string];
  const uris = texts.map((text, index) => {
    const resolved = resolveLocation(app, systems, text);
    if ('uri' in resolved) return resolved.uri;
    errors.push({ field: Array.isArray(value) ? `inputs.${id}.${index}` : `inputs.${id}`, message: resolved.problem });
    return undefined;
  });
  if (uris.some((uri) => uri === undefined)) return undefined;
  return Array.isArray(value) ? (uris as string[]) : uris[0];
}

/**
 * The job's inputs: unknown ids and missing required inputs are errors, defaults fill in the rest,
 * and every location becomes a URL or a `jobfloor://` URI. Problems are pushed to `errors`.
 */
export function resolveInputs(app: StoredApp, systems: SystemsById, given: Readonly<Record<string, string | readonly string[]>> = {}, errors: FieldError[]): Record<string, string | string[]> {
  const known = Object.keys(app.inputs);
  for (const id of Object.keys(given).filter((key) => !(key in app.inputs))) {
    const list = known.length === 0 ? `app '${app.id}' takes no inputs` : `its inputs are ${known.join(', ')}`;
    errors.push({ field: `inputs.${id}`, message: `app '${app.id}' has no input '${id}'.${didYouMean(id, known)} ${list}` });
  }
  const resolved: Record<string, string | string[]> = {};
  for (const [id, declaration] of Object.entries(app.inputs)) {
    const value = given[id] ?? declaration.default;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      if (declaration.required === true) errors.push({ field: `inputs.${id}`, message: `input '${id}' is required by app '${app.id}'` });
      continue;
    }
    const uris = resolveInput(app, systems, id, declaration, value, errors);
    if (uris !== undefined) resolved[id] = uris;
  }
  return resolved;
}
