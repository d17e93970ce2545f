/** The `apps` table: a tenant's apps. Each app gets a UUID when created; updates keep it. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../database/database.js';
import type { AppDefinition } from './app-definition.js';
import { appReferenceProblems } from './app-references.js';
import { CatalogRepository, storedFields, withoutNulls, type CatalogTable, type StoredFields } from './catalog-repository.js';

/** An app as stored: its definition, its UUID and bookkeeping. */
export type StoredApp = AppDefinition & StoredFields & { readonly uuid: string };

function appFromRow(row: Record<string, unknown>): StoredApp {
  const definition = withoutNulls({
    id: row.id,
    version: row.version,
    description: row.description,
    executionSystem: row.execution_system,
    command: row.command,
    inputs: row.inputs,
    parameters: row.parameters,
    defaultBatchQueue: row.default_batch_queue,
    defaultNodeCount: row.default_node_count,
    defaultProcessorsPerNode: row.default_processors_per_node,
    defaultMemoryPerNode: row.default_memory_per_node,
    defaultMaxRunTime: row.default_max_run_time,
    defaultArchiveSystem: row.default_archive_system,
    defaultArchivePath: row.default_archive_path,
    inputSystem: row.input_system,
  }) as AppDefinition;
  return { ...definition, uuid: String(row.uuid), ...storedFields(row) };
}

const appsTable: CatalogTable<AppDefinition, StoredApp> = {
  kind: 'app',
  table: 'apps',
  key: 'id',
  keyOf: (app) => app.id,
  columns: [
    { name: 'version', value: (app) => app.version },
    { name: 'description', value: (app) => app.description },
    { name: 'execution_system', value: (app) => app.executionSystem },
    { name: 'command', value: (app) => app.command, json: true },
    { name: 'inputs', value: (app) => app.inputs, json: true },
    { name: 'parameters', value: (app) => app.parameters, json: true },
    { name: 'default_batch_queue', value: (app) => app.defaultBatchQueue },
    { name: 'default_node_count', value: (app) => app.defaultNodeCount },
    { name: 'default_processors_per_node', value: (app) => app.defaultProcessorsPerNode },
    { name: 'default_memory_per_node', value: (app) => app.defaultMemoryPerNode },
    { name: 'default_max_run_time', value: (app) => app.defaultMaxRunTime },
    { name: 'default_archive_system', value: (app) => app.defaultArchiveSystem },
    { name: 'default_archive_path', value: (app) => app.defaultArchivePath },
    { name: 'input_system', value: (app) => app.inputSystem },
  ],
  insertOnly: [{ name: 'uuid', value: () => randomUUID() }],
  fromRow: appFromRow,
  check: appReferenceProblems,
};

/** The apps of each tenant; writing an app checks the systems and batch queue it names. */
export function appRepository(db: Queryable): CatalogRepository<AppDefinition, StoredApp> {
  return new CatalogRepository(db, appsTable);
}
