/** The `systems` table: a tenant's execution and storage systems. */
import type { Queryable } from '../database/database.js';
import { CatalogRepository, storedFields, withoutNulls, type CatalogTable, type StoredFields } from './catalog-repository.js';
import type { SystemDefinition } from './system-definition.js';

/** A system as stored: its definition and bookkeeping. */
export type StoredSystem = SystemDefinition & StoredFields;

function systemFromRow(row: Record<string, unknown>): StoredSystem {
  const definition = withoutNulls({
    id: row.id,
    type: row.type,
    kind: row.kind,
    description: row.description,
    rootDir: row.root_dir,
    baseUrl: row.base_url,
    batchQueues: row.type === 'execution' ? row.batch_queues : undefined,
  }) as SystemDefinition;
  return { ...definition, ...storedFields(row) };
}

const systemsTable: CatalogTable<SystemDefinition, StoredSystem> = {
  kind: 'system',
  table: 'systems',
  key: 'id',
  keyOf: (system) => system.id,
  columns: [
    { name: 'type', value: (system) => system.type },
    { name: 'kind', value: (system) => system.kind },
    { name: 'description', value: (system) => system.description },
    { name: 'root_dir', value: (system) => ('rootDir' in system ? system.rootDir : null) },
    { name: 'base_url', value: (system) => ('baseUrl' in system ? system.baseUrl : null) },
    { name: 'batch_queues', value: (system) => (system.type === 'execution' ? system.batchQueues : []), json: true },
  ],
  fromRow: systemFromRow,
};

/** The systems of each tenant. */
export function systemRepository(db: Queryable): CatalogRepository<SystemDefinition, StoredSystem> {
  return new CatalogRepository(db, systemsTable);
}
