/**
 * Validating one definition against its zod schema, with every problem as a field error. Used by
 * the REST API (dotted paths: `batchQueues.0.maxNodes`) and by imports (JSON pointers into the
 * file: `/systems/3/batchQueues/0/maxNodes`).
 */
import type { z } from 'zod';
import { pointer } from '../../framework/errors/configuration-issue.js';
import { fieldPath, type FieldError } from '../validation/field-error.js';
import { appDefinitionSchema, type AppDefinition } from './app-definition.js';
import { queueDefinitionSchema, type QueueDefinition } from './queue-definition.js';
import { systemDefinitionSchema, type SystemDefinition } from './system-definition.js';

/** The kinds of definition, as `jobfloor import` names them. */
export const definitionKinds = ['systems', 'apps', 'queues'] as const;
/** One of {@link definitionKinds}. */
export type DefinitionKind = (typeof definitionKinds)[number];

/** The validated definition of each kind. */
export interface DefinitionOf {
  systems: SystemDefinition;
  apps: AppDefinition;
  queues: QueueDefinition;
}

/** The zod schema of each kind's definitions. */
export const definitionSchemas = {
  systems: systemDefinitionSchema,
  apps: appDefinitionSchema,
  queues: queueDefinitionSchema,
} as const;

/** Formats the path of an issue: dotted for request bodies, a JSON pointer for files. */
export type PathFormat = (path: readonly PropertyKey[]) => string;

/** Dotted paths (`batchQueues.0.maxNodes`), as request field errors use. */
export const dottedPath: PathFormat = fieldPath;

/** JSON pointers below `prefix` (`/systems/3/batchQueues/0/maxNodes`). */
export function pointerPath(prefix: readonly (string | number)[]): PathFormat {
  return (path) => pointer(...prefix, ...path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))) || '/';
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') return `invalid name '${String(issue.path.at(-1))}': ${issue.issues.map((inner) => inner.message).join('; ')}`;
  return issue.message;
}

/** Every issue of a failed parse as field errors; an unknown key is one error per key, named by it. */
export function definitionErrors(error: z.ZodError, format: PathFormat): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: format([...issue.path, key]), message: `unknown field '${key}'; remove it (field names are case-sensitive)` }));
    }
    return [{ field: format(issue.path), message: issueMessage(issue) }];
  });
}

/** Validates one definition of `kind`; every problem is reported, located by `format` (dotted by default). */
export function parseDefinition<Kind extends DefinitionKind>(
  kind: Kind,
  value: unknown,
  format: PathFormat = dottedPath,
): { ok: true; definition: DefinitionOf[Kind] } | { ok: false; errors: FieldError[] } {
  const result = definitionSchemas[kind].safeParse(value);
  if (result.success) return { ok: true, definition: result.data as DefinitionOf[Kind] };
  return { ok: false, errors: definitionErrors(result.error, format) };
}
