/**
 * The demo tenant that `npm start` installs in development mode (issue 4, "Configuration and
 * start"): a simulated and a local execution system, a file storage system, and two apps —
 * `demo-sim`, which runs a program of simulated steps, and `echo`, which runs /bin/echo.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Queryable } from '../database/database.js';
import type { AppDefinition } from './app-definition.js';
import { appRepository } from './app-repository.js';
import type { SystemDefinition } from './system-definition.js';
import { systemRepository } from './system-repository.js';

/** The demo tenant's id. */
export const DEMO_TENANT = 'demo';

/**
 * The default program of `demo-sim`: one step per line, `SLEEP ms`, `LOG message`,
 * `COMPUTE iterations`, `HTTP_CALL url` or `FAIL transient|permanent`.
 */
export const DEMO_SIM_PROGRAM = ['LOG starting the demo', 'SLEEP 500', 'COMPUTE 100000', 'LOG done'].join('\n');

/** A submission of the demo app, as the development banner's curl command sends it. */
export const demoSubmission = {
  name: 'demo-job',
  appId: 'demo-sim',
  parameters: { program: ['LOG hello from jobfloor', 'SLEEP 1000', 'COMPUTE 200000', 'LOG done'].join('\n') },
} as const;

/** Where the demo systems keep their files: under the data directory, or a temporary one for `memory://`. */
function systemsRoot(dataDir: string): string {
  return dataDir.startsWith('memory://') ? join(tmpdir(), 'jobfloor-demo', 'systems') : resolve(dataDir, 'systems');
}

/** The demo tenant's systems, rooted under `<dataDir>/systems/`. */
export function demoSystems(dataDir: string): SystemDefinition[] {
  const root = systemsRoot(dataDir);
  return [
    {
      id: 'sim',
      type: 'execution',
      kind: 'sim',
      description: 'Simulated execution: runs the steps of a program without touching the host.',
      batchQueues: [
        { name: 'normal', default: true, maxNodes: 4, maxProcessorsPerNode: 16, maxMemoryPerNode: '64GB', maxRunTime: '24:00:00' },
        { name: 'debug', maxNodes: 1, maxProcessorsPerNode: 4, maxMemoryPerNode: '4GB', maxRunTime: '00:30:00' },
      ],
    },
    {
      id: 'local',
      type: 'execution',
      kind: 'local',
      description: 'Runs jobs as processes on this host.',
      rootDir: join(root, 'local'),
      batchQueues: [{ name: 'local', default: true, maxNodes: 1, maxProcessorsPerNode: 4, maxMemoryPerNode: '4GB', maxRunTime: '01:00:00', maxJobs: 4 }],
    },
    { id: 'storage', type: 'storage', kind: 'file', description: 'Inputs and archives, in a directory of this host.', rootDir: join(root, 'storage') },
  ];
}

/** The demo tenant's apps. */
export const demoApps: readonly AppDefinition[] = [
  {
    id: 'demo-sim',
    version: '1.0.0',
    description: 'Runs a simulated program: one step per line (SLEEP ms, LOG message, COMPUTE iterations, HTTP_CALL url, FAIL transient|permanent).',
    executionSystem: 'sim',
    command: ['sim', '${program}'],
    inputs: { data: { description: 'An optional input file, staged before the program runs.' } },
    parameters: { program: { type: 'string', description: 'The steps to run, one per line.', default: DEMO_SIM_PROGRAM } },
    defaultMemoryPerNode: '1GB',
    defaultMaxRunTime: '00:10:00',
    defaultArchiveSystem: 'storage',
    inputSystem: 'storage',
  },
  {
    id: 'echo',
    version: '1.0.0',
    description: 'Prints a message with /bin/echo.',
    executionSystem: 'local',
    command: ['/bin/echo', '${message}'],
    inputs: {},
    parameters: { message: { type: 'string', description: 'What to print.', default: 'hello from jobfloor' } },
    defaultMaxRunTime: '00:01:00',
    defaultArchiveSystem: 'storage',
  },
];

/**
 * Defines (or redefines) tenant `demo`: its systems, then its apps. Running it again changes
 * nothing but the definitions' last-updated times; app UUIDs are kept.
 */
export async function installDemoTenant(db: Queryable, options: { readonly dataDir: string }): Promise<void> {
  const systems = systemRepository(db);
  for (const system of demoSystems(options.dataDir)) await systems.upsert(DEMO_TENANT, system);
  const apps = appRepository(db);
  for (const app of demoApps) await apps.upsert(DEMO_TENANT, app);
}
