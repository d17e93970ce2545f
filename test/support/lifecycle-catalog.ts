import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDefinition } from '../../jobs-service/catalog/app-definition.js';
import { appRepository } from '../../jobs-service/catalog/app-repository.js';
import type { SystemDefinition } from '../../jobs-service/catalog/system-definition.js';
import { systemRepository } from '../../jobs-service/catalog/system-repository.js';
import type { Queryable } from '../../jobs-service/database/database.js';

/** Where a lifecycle test tenant keeps its files. */
export interface LifecycleRoots {
  /** The `local` execution system's root: work directories. */
  readonly local: string;
  /** The `store` file storage system's root: inputs and archives. */
  readonly store: string;
}

/** The roots under `dir`, created. */
export function lifecycleRoots(dir: string): LifecycleRoots {
  const roots = { local: join(dir, 'local'), store: join(dir, 'store') };
  for (const root of Object.values(roots)) mkdirSync(root, { recursive: true });
  return roots;
}

function systems(roots: LifecycleRoots): SystemDefinition[] {
  return [
    { id: 'sim', type: 'execution', kind: 'sim', batchQueues: [{ name: 'normal', default: true }] },
    { id: 'local', type: 'execution', kind: 'local', rootDir: roots.local, batchQueues: [{ name: 'normal', default: true }] },
    { id: 'store', type: 'storage', kind: 'file', rootDir: roots.store },
  ];
}

/**
 * `sim-app` runs a sim program; `shell-app` runs a script with /bin/sh (the service itself never
 * uses a shell: sh is the app), given the staged inputs `data` and `extra` as $1 and $2.
 */
const apps: AppDefinition[] = [
  {
    id: 'sim-app',
    version: '1',
    executionSystem: 'sim',
    command: ['sim', '${program}'],
    parameters: { program: { type: 'string', default: 'LOG hello' } },
    inputs: { data: {} },
    defaultArchiveSystem: 'store',
    inputSystem: 'store',
  },
  {
    id: 'shell-app',
    version: '1',
    executionSystem: 'local',
    command: ['/bin/sh', '-c', '${script}', 'shell-app', '${data}', '${extra}'],
    parameters: { script: { type: 'string' } },
    inputs: { data: { default: 'none.txt' }, extra: { default: 'none.txt' } },
    defaultArchiveSystem: 'store',
    inputSystem: 'store',
  },
];

/** Defines the lifecycle test systems and apps for `tenantId`. */
export async function installLifecycleCatalog(db: Queryable, tenantId: string, roots: LifecycleRoots): Promise<void> {
  for (const system of systems(roots)) await systemRepository(db).upsert(tenantId, system);
  for (const app of apps) await appRepository(db).upsert(tenantId, app);
}

/** Seed 002's happy path, as a job with inputs and archiving goes through it. */
export const happyPath = [
  'ACCEPTED', 'PENDING', 'PROCESSING_INPUTS', 'STAGING_INPUTS', 'STAGED', 'STAGING_JOB',
  'SUBMITTING', 'QUEUED', 'RUNNING', 'CLEANING_UP', 'ARCHIVING', 'FINISHED',
] as const;
