/**
 * What an app definition names must exist in its tenant: an execution system (with the default
 * batch queue, when one is named), and storage systems for archives and relative inputs.
 */
import type { Queryable } from '../database/database.js';
import type { FieldError } from '../validation/field-error.js';
import type { AppDefinition } from './app-definition.js';
import { systemRepository, type StoredSystem } from './system-repository.js';

function systemProblem(field: string, id: string, system: StoredSystem | undefined, type: 'execution' | 'storage'): FieldError | undefined {
  if (system === undefined) return { field, message: `the tenant has no system '${id}'; define it first (jobfloor import systems)` };
  if (system.type !== type) return { field, message: `'${id}' is a${system.type === 'execution' ? 'n execution' : ' storage'} system; ${field} names a${type === 'execution' ? 'n execution' : ' storage'} system` };
  return undefined;
}

function batchQueueProblem(app: AppDefinition, system: StoredSystem | undefined): FieldError | undefined {
  if (app.defaultBatchQueue === undefined || system?.type !== 'execution') return undefined;
  if (system.batchQueues.some((queue) => queue.name === app.defaultBatchQueue)) return undefined;
  const names = system.batchQueues.map((queue) => queue.name).join(', ');
  return { field: 'defaultBatchQueue', message: `execution system '${system.id}' has no batch queue '${app.defaultBatchQueue}'; its queues are ${names}` };
}

/** Every problem with the systems and batch queue an app names in tenant `tenantId`. */
export async function appReferenceProblems(db: Queryable, tenantId: string, app: AppDefinition): Promise<FieldError[]> {
  const systems = new Map((await systemRepository(db).list(tenantId)).map((system) => [system.id, system]));
  const execution = systems.get(app.executionSystem);
  const problems = [
    systemProblem('executionSystem', app.executionSystem, execution, 'execution'),
    batchQueueProblem(app, execution),
    app.defaultArchiveSystem === undefined ? undefined : systemProblem('defaultArchiveSystem', app.defaultArchiveSystem, systems.get(app.defaultArchiveSystem), 'storage'),
    app.inputSystem === undefined ? undefined : systemProblem('inputSystem', app.inputSystem, systems.get(app.inputSystem), 'storage'),
  ];
  return problems.filter((problem) => problem !== undefined);
}
