import type { AppDefinition } from '../../jobs-service/catalog/app-definition.js';
import { appRepository } from '../../jobs-service/catalog/app-repository.js';
import type { SystemDefinition } from '../../jobs-service/catalog/system-definition.js';
import { systemRepository } from '../../jobs-service/catalog/system-repository.js';
import type { Queryable } from '../../jobs-service/database/database.js';

/** The systems of a test tenant: a sim execution system with two batch queues, and a file store. */
export function testSystems(storeRoot: string): SystemDefinition[] {
  return [
    {
      id: 'sim',
      type: 'execution',
      kind: 'sim',
      batchQueues: [
        { name: 'normal', default: true, maxNodes: 4, maxMemoryPerNode: '16GB', maxRunTime: '24:00:00' },
        { name: 'small', maxNodes: 1 },
      ],
    },
    { id: 'store', type: 'storage', kind: 'file', rootDir: storeRoot },
  ];
}

/** An app of the test tenant on the sim system, with typed parameters and an optional input. */
export const testApp: AppDefinition = {
  id: 'sleep',
  version: '1.0',
  executionSystem: 'sim',
  command: ['sim', '${program}'],
  parameters: {
    program: { type: 'string', default: 'SLEEP 10' },
    count: { type: 'integer' },
    mode: { type: 'enum', values: ['fast', 'slow'] },
  },
  inputs: { data: {} },
  defaultArchiveSystem: 'store',
  inputSystem: 'store',
};

/** Defines the test systems and app for `tenantId` (idempotent). */
export async function installTestCatalog(db: Queryable, tenantId: string, storeRoot = '/tmp/jobfloor-test-store'): Promise<void> {
  for (const system of testSystems(storeRoot)) await systemRepository(db).upsert(tenantId, system);
  await appRepository(db).upsert(tenantId, testApp);
}
