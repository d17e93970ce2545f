/**
 * Importing definition files (issue 4: `jobfloor import systems|apps|queues FILE`; Aloe's
 * ImportQueueDefinitions, seed 002 "Tenant Queues"): every definition is validated and every
 * problem reported, located by a JSON pointer into the file, before anything is written; then each
 * is created or updated. Run it in a transaction to make the import all-or-nothing.
 */
import type { Queryable } from '../database/database.js';
import type { FieldError } from '../validation/field-error.js';
import { appReferenceProblems } from './app-references.js';
import { CatalogDefinitionError } from './catalog-errors.js';
import type { CatalogRepository } from './catalog-repository.js';
import { tenantIdSchema } from './definition-fields.js';
import { definitionsOfFile } from './definition-files.js';
import { appRepository } from './app-repository.js';
import { parseDefinition, pointerPath, type DefinitionKind, type DefinitionOf } from './parse-definition.js';
import { parkQueuePriorities, queueRepository } from './queue-repository.js';
import { systemRepository } from './system-repository.js';

/** How many definitions an import created and how many it replaced. */
export interface ImportCounts {
  readonly created: number;
  readonly updated: number;
}

interface Located<Definition> {
  readonly definition: Definition;
  readonly path: readonly (string | number)[];
}

function keyOf(kind: DefinitionKind, definition: DefinitionOf[DefinitionKind]): string {
  return kind === 'queues' ? (definition as DefinitionOf['queues']).name : (definition as DefinitionOf['systems' | 'apps']).id;
}

/** Ids (and queue priorities) given twice in one file. */
function duplicates(kind: DefinitionKind, items: readonly Located<DefinitionOf[DefinitionKind]>[]): FieldError[] {
  const errors: FieldError[] = [];
  const keyField = kind === 'queues' ? 'name' : 'id';
  const keys = new Map<string, number>();
  const priorities = new Map<number, string>();
  for (const { definition, path } of items) {
    const key = keyOf(kind, definition);
    if (keys.has(key)) errors.push({ field: pointerPath(path)([keyField]), message: `'${key}' is defined twice in this file; keep one definition` });
    keys.set(key, 1);
    if (kind !== 'queues') continue;
    const { priority, name } = definition as DefinitionOf['queues'];
    const other = priorities.get(priority);
    if (other !== undefined) errors.push({ field: pointerPath(path)(['priority']), message: `priority ${priority} is also given to queue '${other}'; priorities are unique within a tenant` });
    priorities.set(priority, name);
  }
  return errors;
}

/** Problems with what apps name among the tenant's systems, located in the file. */
async function appReferenceErrors(db: Queryable, tenantId: string, items: readonly Located<DefinitionOf['apps']>[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const { definition, path } of items) {
    const problems = await appReferenceProblems(db, tenantId, definition);
    errors.push(...problems.map((problem) => ({ field: pointerPath(path)([problem.field]), message: problem.message })));
  }
  return errors;
}

/**
 * Priorities that stored queues of the tenant hold, located in the file. A queue the file
 * redefines gives its priority up (see parkQueuePriorities), so a file may swap priorities.
 */
async function queuePriorityErrors(db: Queryable, tenantId: string, items: readonly Located<DefinitionOf['queues']>[]): Promise<FieldError[]> {
  const redefined = new Set(items.map(({ definition }) => definition.name));
  const stored = (await queueRepository(db).list(tenantId)).filter((queue) => !redefined.has(queue.name));
  const holders = new Map(stored.map((queue) => [queue.priority, queue.name]));
  return items.flatMap(({ definition, path }) => {
    const holder = holders.get(definition.priority);
    if (holder === undefined) return [];
    const message = `priority ${definition.priority} is taken by queue '${holder}' of tenant '${tenantId}'; choose another priority, or redefine '${holder}' in this file with a new one`;
    return [{ field: pointerPath(path)(['priority']), message }];
  });
}

/** Problems with what the definitions name among the tenant's stored definitions, located in the file. */
async function referenceErrors(db: Queryable, kind: DefinitionKind, tenantId: string, items: readonly Located<DefinitionOf[DefinitionKind]>[]): Promise<FieldError[]> {
  if (kind === 'apps') return appReferenceErrors(db, tenantId, items as readonly Located<DefinitionOf['apps']>[]);
  if (kind === 'queues') return queuePriorityErrors(db, tenantId, items as readonly Located<DefinitionOf['queues']>[]);
  return [];
}

/** Lets the stored queues that the file redefines give up their priorities before any is written. */
async function parkRedefinedQueues(db: Queryable, tenantId: string, items: readonly Located<DefinitionOf['queues']>[]): Promise<void> {
  const names = items.map(({ definition }) => definition.name);
  await parkQueuePriorities(db, tenantId, names, Math.max(0, ...items.map(({ definition }) => definition.priority)));
}

function repositoryOf(db: Queryable, kind: DefinitionKind): CatalogRepository<DefinitionOf[DefinitionKind], unknown> {
  const repositories = { systems: systemRepository, apps: appRepository, queues: queueRepository };
  return repositories[kind](db) as CatalogRepository<DefinitionOf[DefinitionKind], unknown>;
}

function validate(kind: DefinitionKind, tenantId: string, content: unknown): { items: Located<DefinitionOf[DefinitionKind]>[]; errors: FieldError[] } {
  const tenant = tenantIdSchema.safeParse(tenantId);
  const errors: FieldError[] = tenant.success ? [] : tenant.error.issues.map((issue) => ({ field: 'tenant', message: issue.message }));
  const file = definitionsOfFile(kind, content);
  if (!file.ok) return { items: [], errors: [...errors, ...file.errors] };
  const items: Located<DefinitionOf[DefinitionKind]>[] = [];
  for (const { value, path } of file.definitions) {
    const parsed = parseDefinition(kind, value, pointerPath(path));
    if (parsed.ok) items.push({ definition: parsed.definition, path });
    else errors.push(...parsed.errors);
  }
  return { items, errors: [...errors, ...duplicates(kind, items)] };
}

/**
 * Validates the parsed content of a definition file of `kind` (see `definition-files.ts` for the
 * format) and creates or updates each definition in tenant `tenantId`. Throws one
 * {@link CatalogDefinitionError} listing every problem, each located by a JSON pointer into the
 * file (`/systems/3/batchQueues/0/maxNodes`), and then writes nothing.
 */
export async function importDefinitions(db: Queryable, kind: DefinitionKind, tenantId: string, definitions: unknown): Promise<ImportCounts> {
  const { items, errors } = validate(kind, tenantId, definitions);
  // Every definition that parsed is checked against the tenant too, so one run reports everything.
  errors.push(...(await referenceErrors(db, kind, tenantId, items)));
  if (errors.length > 0) throw new CatalogDefinitionError(errors, `importing ${kind} into tenant '${tenantId}'`);
  if (kind === 'queues') await parkRedefinedQueues(db, tenantId, items as readonly Located<DefinitionOf['queues']>[]);
  const repository = repositoryOf(db, kind);
  let created = 0;
  for (const { definition } of items) if ((await repository.upsert(tenantId, definition)).created) created += 1;
  return { created, updated: items.length - created };
}
