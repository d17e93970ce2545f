import { describe, expect, it } from 'vitest';
import { appRepository } from '../../../jobs-service/catalog/app-repository.js';
import { CatalogDefinitionError } from '../../../jobs-service/catalog/catalog-errors.js';
import { importDefinitions, type ImportCounts } from '../../../jobs-service/catalog/import-definitions.js';
import type { DefinitionKind } from '../../../jobs-service/catalog/parse-definition.js';
import { queueRepository } from '../../../jobs-service/catalog/queue-repository.js';
import { systemRepository } from '../../../jobs-service/catalog/system-repository.js';
import type { Database } from '../../../jobs-service/database/database.js';
import type { FieldError } from '../../../jobs-service/validation/field-error.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';

const sim = { id: 'sim', type: 'execution', kind: 'sim', batchQueues: [{ name: 'normal', maxNodes: 4 }, { name: 'debug', maxNodes: 1 }] };
const store = { id: 'store', type: 'storage', kind: 'file', rootDir: '/srv/store' };
const app = { id: 'sleep', version: '1.0', executionSystem: 'sim', command: ['sim', '${program}'], parameters: { program: { type: 'string', default: 'SLEEP 10' } } };
const everything = { all: [] };

/** Imports as `jobfloor import` does: in one transaction. */
function importInTransaction(db: Database, kind: DefinitionKind, tenantId: string, content: unknown): Promise<ImportCounts> {
  return db.transaction((tx) => importDefinitions(tx, kind, tenantId, content));
}

/** The field errors of an import that must fail. */
async function importErrors(db: Database, kind: DefinitionKind, tenantId: string, content: unknown): Promise<FieldError[]> {
  const error: unknown = await importInTransaction(db, kind, tenantId, content).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CatalogDefinitionError);
  expect((error as CatalogDefinitionError).code).toBe('JOBFLOOR_CATALOG_INVALID');
  return [...(error as CatalogDefinitionError).errors];
}

function fieldsOf(errors: readonly FieldError[]): string[] {
  return errors.map((error) => error.field);
}

describe.each(engines)('importing definition files on %s', (engine) => {
  const database = useServiceDatabase(engine);

  it('creates definitions, then updates them when imported again', async () => {
    const { db } = database;
    expect(await importInTransaction(db, 'systems', 'create-update', { $schema: 'x.json', systems: [sim, store] })).toEqual({ created: 2, updated: 0 });
    expect(await importInTransaction(db, 'apps', 'create-update', [app])).toEqual({ created: 1, updated: 0 });
    const uuid = (await appRepository(db).get('create-update', 'sleep'))!.uuid;

    const wider = { ...sim, batchQueues: [{ name: 'normal', maxNodes: 8 }] };
    const counts = await importInTransaction(db, 'systems', 'create-update', [wider, store, { id: 'web', type: 'storage', kind: 'http', baseUrl: 'https://data.test/' }]);
    expect(counts).toEqual({ created: 1, updated: 2 });
    expect((await systemRepository(db).get('create-update', 'sim'))!).toMatchObject({ batchQueues: [{ name: 'normal', maxNodes: 8 }] });
    expect(await importInTransaction(db, 'apps', 'create-update', [{ ...app, version: '1.1' }])).toEqual({ created: 0, updated: 1 });
    expect(await appRepository(db).get('create-update', 'sleep')).toMatchObject({ version: '1.1', uuid });
  });

  it('reports every problem of a file with its JSON pointer, and writes nothing', async () => {
    const { db } = database;
    const file = {
      systems: [
        store,
        { id: 'bad id', type: 'execution', kind: 'sim', batchQueues: [{ name: 'q', maxNodes: 1.5 }] },
        { id: 'files', type: 'storage', kind: 'file', rootDir: 'relative/path', colour: 'blue' },
        { id: 'empty', type: 'execution', kind: 'local', rootDir: '/srv/local', batchQueues: [] },
        { id: 'web', type: 'storage', kind: 'http', baseUrl: 'ftp://data.test/' },
        { id: 'warp', type: 'execution', kind: 'warp' },
      ],
    };
    expect(await importErrors(db, 'systems', 'many-problems', file)).toEqual([
      { field: '/systems/1/id', message: "id starts with a letter or digit and holds only letters, digits, '.', '_' and '-'" },
      { field: '/systems/1/batchQueues/0/maxNodes', message: 'maxNodes must be a whole number' },
      { field: '/systems/2/rootDir', message: 'rootDir must be an absolute path, e.g. /srv/jobfloor/systems/local' },
      { field: '/systems/2/colour', message: "unknown field 'colour'; remove it (field names are case-sensitive)" },
      { field: '/systems/3/batchQueues', message: 'an execution system needs at least one batch queue in batchQueues' },
      { field: '/systems/4/baseUrl', message: 'baseUrl must be an http:// or https:// URL' },
      { field: '/systems/5/kind', message: 'kind must be "local" or "sim" (execution systems) or "file" or "http" (storage systems)' },
    ]);
    expect(await systemRepository(db).list('many-problems')).toEqual([]);
  });

  it('refuses negative and zero limits, pointing to omitting them', async () => {
    const { db } = database;
    const queue = { name: 'q', maxNodes: -1, maxProcessorsPerNode: -8, maxMemoryPerNode: '-4GB', maxRunTime: '-01:00:00', maxJobs: -1, maxUserJobs: 0 };
    const errors = await importErrors(db, 'systems', 'negative', [{ ...sim, batchQueues: [queue] }]);
    expect(errors).toEqual([
      { field: '/0/batchQueues/0/maxNodes', message: 'maxNodes: no negative limits (Agave\'s -1 for "no limit" is refused); omit maxNodes for no limit' },
      { field: '/0/batchQueues/0/maxProcessorsPerNode', message: 'maxProcessorsPerNode: no negative limits (Agave\'s -1 for "no limit" is refused); omit maxProcessorsPerNode for no limit' },
      { field: '/0/batchQueues/0/maxMemoryPerNode', message: 'maxMemoryPerNode: no negative limits; omit maxMemoryPerNode for no limit' },
      { field: '/0/batchQueues/0/maxRunTime', message: 'maxRunTime: no negative limits; omit maxRunTime for no limit' },
      { field: '/0/batchQueues/0/maxJobs', message: 'maxJobs: no negative limits (Agave\'s -1 for "no limit" is refused); omit maxJobs for no limit' },
      { field: '/0/batchQueues/0/maxUserJobs', message: 'maxUserJobs must be at least 1; omit maxUserJobs for no limit' },
    ]);
    const defaults = await importErrors(db, 'apps', 'negative', [{ ...app, defaultNodeCount: -2, defaultProcessorsPerNode: 3_000_000_000, defaultMemoryPerNode: '-1GB' }]);
    expect(defaults).toEqual([
      { field: '/0/defaultNodeCount', message: 'defaultNodeCount must not be negative; give a whole number of at least 1' },
      { field: '/0/defaultProcessorsPerNode', message: 'defaultProcessorsPerNode is at most 2147483647' },
      { field: '/0/defaultMemoryPerNode', message: 'defaultMemoryPerNode must not be negative; give a value such as "16GB"' },
    ]);
    expect(await systemRepository(db).list('negative')).toEqual([]);
  });

  it('refuses ids, queue names and priorities given twice in one file', async () => {
    const { db } = database;
    expect(await importErrors(db, 'systems', 'twice', [store, sim, store])).toEqual([{ field: '/2/id', message: "'store' is defined twice in this file; keep one definition" }]);
    const queues = [
      { name: 'Large', priority: 20, filter: everything },
      { name: 'Debug', priority: 20, filter: everything },
      { name: 'Large', priority: 30, filter: everything },
    ];
    expect(await importErrors(db, 'queues', 'twice', { queues })).toEqual([
      { field: '/queues/1/priority', message: "priority 20 is also given to queue 'Large'; priorities are unique within a tenant" },
      { field: '/queues/2/name', message: "'Large' is defined twice in this file; keep one definition" },
    ]);
    expect(await queueRepository(db).list('twice')).toEqual([]);
  });

  it('refuses apps that name systems or batch queues the tenant does not have, with every other problem', async () => {
    const { db } = database;
    await importInTransaction(db, 'systems', 'references', [sim, store]);
    const apps = [
      { ...app, id: 'ghost', executionSystem: 'cluster' },
      { ...app, id: 'swapped', executionSystem: 'store', defaultArchiveSystem: 'sim', inputSystem: 'nowhere' },
      { ...app, id: 'queue', defaultBatchQueue: 'huge' },
      { ...app, id: 'broken', command: ['run', '${missing}'] },
    ];
    expect(await importErrors(db, 'apps', 'references', apps)).toEqual([
      { field: '/3/command/1', message: '${missing} names no parameter or input of the app; declare it or remove it' },
      { field: '/0/executionSystem', message: "the tenant has no system 'cluster'; define it first (jobfloor import systems)" },
      { field: '/1/executionSystem', message: "'store' is a storage system; executionSystem names an execution system" },
      { field: '/1/defaultArchiveSystem', message: "'sim' is an execution system; defaultArchiveSystem names a storage system" },
      { field: '/1/inputSystem', message: "the tenant has no system 'nowhere'; define it first (jobfloor import systems)" },
      { field: '/2/defaultBatchQueue', message: "execution system 'sim' has no batch queue 'huge'; its queues are normal, debug" },
    ]);
    expect(await appRepository(db).list('references')).toEqual([]);
    expect(fieldsOf(await importErrors(db, 'apps', 'no-systems-yet', [app]))).toEqual(['/0/executionSystem']);
  });

  it("refuses a priority that another of the tenant's queues holds, and lets a file swap priorities", async () => {
    const { db } = database;
    const debug = { name: 'Debug', priority: 20, filter: { field: 'batchQueue', op: 'eq', value: 'debug' } };
    const large = { name: 'Large', priority: 10, filter: { field: 'nodeCount', op: 'ge', value: 16 } };
    expect(await importInTransaction(db, 'queues', 'priorities', [debug, large])).toEqual({ created: 2, updated: 0 });
    expect(await importErrors(db, 'queues', 'priorities', [{ name: 'Other', priority: 10, filter: everything }])).toEqual([
      { field: '/0/priority', message: "priority 10 is taken by queue 'Large' of tenant 'priorities'; choose another priority, or redefine 'Large' in this file with a new one" },
    ]);
    expect(await importInTransaction(db, 'queues', 'priorities', [{ ...debug, priority: 10 }, { ...large, priority: 20 }])).toEqual({ created: 0, updated: 2 });
    const stored = await queueRepository(db).list('priorities');
    expect(stored.map((queue) => [queue.name, queue.priority, queue.queue])).toEqual([
      ['Debug', 10, 'jobfloor.jobq.priorities.submit.Debug'],
      ['Large', 20, 'jobfloor.jobq.priorities.submit.Large'],
    ]);
  });

  it('refuses queues named DefaultQueue, priorities out of range and bad filters', async () => {
    const { db } = database;
    const queues = [
      { name: 'DefaultQueue', priority: 1, filter: everything },
      { name: 'Zero', priority: 0, filter: everything },
      { name: 'Huge', priority: 3_000_000_000, filter: everything },
      { name: 'Typo', priority: 5, filter: { field: 'nodecount', op: 'ge', value: 4 } },
    ];
    const errors = await importErrors(db, 'queues', 'bad-queues', queues);
    expect(fieldsOf(errors)).toEqual(['/0/name', '/1/priority', '/2/priority', '/3/filter/field']);
    expect(errors[2]!.message).toBe('priority is at most 1000000');
    expect(errors[3]!.message).toContain("Did you mean 'nodeCount'?");
  });

  it('refuses a file of the wrong shape and a bad tenant id', async () => {
    const { db } = database;
    expect(await importErrors(db, 'systems', 'shape', { apps: [app] })).toEqual([
      { field: '/apps', message: 'unknown key \'apps\'; a definition file is a JSON array of systems, or an object {"$schema": "...", "systems": [...]}' },
      { field: '/systems', message: '"systems" must be an array; a definition file is a JSON array of systems, or an object {"$schema": "...", "systems": [...]}' },
    ]);
    expect(fieldsOf(await importErrors(db, 'systems', 'shape', 'systems'))).toEqual(['/']);
    expect(await importErrors(db, 'systems', 'no.dots', [store])).toEqual([
      { field: 'tenant', message: "a tenant id starts with a letter or digit and holds only letters, digits, '_' and '-'" },
    ]);
  });
});
