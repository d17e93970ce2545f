/**
 * The format of definition files (`jobfloor import systems|apps|queues FILE`): either a JSON array
 * of definitions, or an object whose `$schema` points editors at the shipped JSON Schema and whose
 * one other key, named after the kind, holds the array:
 *
 *   { "$schema": "../../jobs-service/schemas/system-definitions.schema.json", "systems": [ ... ] }
 *
 * Definitions carry no tenant: the importer names it (`--tenant`), so one file can set up several.
 */
import { z } from 'zod';
import type { FieldError } from '../validation/field-error.js';
import { definitionSchemas, type DefinitionKind } from './parse-definition.js';

const singular: Record<DefinitionKind, string> = { systems: 'system', apps: 'app', queues: 'queue' };

/** The file name of each kind's JSON Schema under `jobs-service/schemas/`. */
export function definitionSchemaFile(kind: DefinitionKind): string {
  return `${singular[kind]}-definitions.schema.json`;
}

/** The zod schema of a whole definition file of `kind` (the JSON Schema shipped for editors is generated from it). */
export function definitionFileSchema(kind: DefinitionKind): z.ZodType {
  const list = z.array(definitionSchemas[kind]);
  return z
    .union([list, z.object({ $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'), [kind]: list }).strict()])
    .describe(`jobfloor ${kind} definitions: an array, or an object with $schema and "${kind}" (import with \`jobfloor import ${kind} FILE --tenant T\`).`);
}

/** One definition of a file and where it sits (`["systems", 3]`). */
export interface FileDefinition {
  readonly value: unknown;
  readonly path: readonly (string | number)[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The definitions of a parsed file of `kind`, or why the file has the wrong shape. */
export function definitionsOfFile(kind: DefinitionKind, content: unknown): { ok: true; definitions: FileDefinition[] } | { ok: false; errors: FieldError[] } {
  if (Array.isArray(content)) return { ok: true, definitions: content.map((value, index) => ({ value, path: [index] })) };
  const shape = `a definition file is a JSON array of ${kind}, or an object {"$schema": "...", "${kind}": [...]}`;
  if (!isRecord(content)) return { ok: false, errors: [{ field: '/', message: shape }] };
  const unknown = Object.keys(content).filter((key) => key !== '$schema' && key !== kind);
  const errors: FieldError[] = unknown.map((key) => ({ field: `/${key}`, message: `unknown key '${key}'; ${shape}` }));
  const list = content[kind];
  if (!Array.isArray(list)) errors.push({ field: `/${kind}`, message: `"${kind}" must be an array; ${shape}` });
  if (errors.length > 0 || !Array.isArray(list)) return { ok: false, errors };
  return { ok: true, definitions: list.map((value: unknown, index) => ({ value, path: [kind, index] })) };
}
