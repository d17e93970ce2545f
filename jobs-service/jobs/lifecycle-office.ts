/**
 * The office of the job lifecycle: the phase jobs and handlers of this folder, wired by
 * `flows/job-lifecycle.flow.json`, with their teams from the deployment's teams file (default
 * `teams.config.json` at the repository root). The service creates one per worker process with
 * {@link createLifecycleOffice}, bound to its database and settings. Thread-pool teams import this
 * module and use `lifecycleOffice`, whose database dependencies are unbound: only jobs that need
 * none (checksums, COMPUTE steps) belong on a thread pool.
 */
import path from 'node:path';
import { defineOffice, provide, type Office, type DependencyProvider } from '../../framework/index.js';
import type { Database } from '../database/database.js';
import { repositoryRoot } from '../service/repository-root.js';
import { ArchiveJobs } from './archive-jobs.js';
import { LifecycleHandlers } from './handler-jobs.js';
import { InputJobs } from './input-jobs.js';
import { LifecycleSettings } from './lifecycle-settings.js';
import { LifecycleStore } from './lifecycle-store.js';
import { MonitorJobs } from './monitor-jobs.js';
import { SimJobs } from './sim-jobs.js';
import { SubmitJobs } from './submit-jobs.js';
import { ValidateJobs } from './validate-job.js';

/** The flow every job runs through. */
export const LIFECYCLE_FLOW = 'job-lifecycle';

/** What the lifecycle's dependencies are made from. */
export interface LifecycleBindings {
  readonly db: Database;
  readonly settings: LifecycleSettings;
}

function unbound(what: string): never {
  throw new Error(`${what} is not available here: the lifecycle office of a worker thread has no database; assign jobs that need it to a main-thread team`);
}

function providers(bindings: LifecycleBindings | undefined): DependencyProvider[] {
  return [
    provide(LifecycleStore, { scope: 'process', create: () => (bindings ? new LifecycleStore(bindings.db) : unbound('LifecycleStore')) }),
    provide(LifecycleSettings, { scope: 'process', create: () => (bindings ? bindings.settings : unbound('LifecycleSettings')) }),
  ];
}

function lifecycleDefinition(bindings: LifecycleBindings | undefined): Office {
  const root = repositoryRoot();
  return defineOffice({
    name: 'job-lifecycle',
    module: import.meta.url,
    jobs: [ValidateJobs, InputJobs, SubmitJobs, MonitorJobs, SimJobs, ArchiveJobs, LifecycleHandlers],
    dependencies: providers(bindings),
    flows: path.join(root, 'flows/job-lifecycle.flow.json'),
    // Cancellation is not offered to the cancelled run's own handlers: the office takes it.
    escalations: { FlowCancelledError: { flow: LIFECYCLE_FLOW, at: 'stopOnCancel' } },
    teams: path.join(root, 'teams.config.json'),
  });
}

/** The office as worker threads load it (see the file comment). */
export const lifecycleOffice = lifecycleDefinition(undefined);

/** A lifecycle office bound to a worker process's database and settings. */
export function createLifecycleOffice(bindings: LifecycleBindings): Office {
  return lifecycleDefinition(bindings);
}
