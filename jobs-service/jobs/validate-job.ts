/**
 * The first phase (PENDING -> PROCESSING_INPUTS): checks the job against its tenant's catalogue
 * as it is now (the app and its execution system may have changed since submission) and fixes the
 * execution plan: where the job works and what it runs.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { job, param } from '../../framework/index.js';
import type { StoredApp } from '../catalog/app-repository.js';
import type { StoredSystem } from '../catalog/system-repository.js';
import { checkSimProgram, fillCommand } from '../execution/index.js';
import type { ActiveJob, ExecutionPlan } from './active-job.js';
import { JobFailedError } from './lifecycle-errors.js';
import { LifecycleSettings } from './lifecycle-settings.js';
import { LifecycleStore } from './lifecycle-store.js';

function workRoot(system: StoredSystem, settings: LifecycleSettings): string {
  if ('rootDir' in system && system.rootDir !== undefined) return system.rootDir;
  const dataDir = settings.dataDir.startsWith('memory://') ? join(tmpdir(), 'jobfloor-memory') : resolve(settings.dataDir);
  return join(dataDir, 'work');
}

/** The plan, or a JobFailedError saying what no longer fits. */
function planOf(active: ActiveJob, app: StoredApp | undefined, system: StoredSystem | undefined, settings: LifecycleSettings): ExecutionPlan {
  const { appId, systemId, tenantId, uuid, maxHours } = active.facts;
  if (app === undefined) throw new JobFailedError(`app '${appId}' no longer exists in tenant '${tenantId}'`);
  if (system?.type !== 'execution') throw new JobFailedError(`execution system '${systemId}' of app '${appId}' no longer exists in tenant '${tenantId}'`);
  return {
    kind: system.kind,
    workDir: join(workRoot(system, settings), tenantId, uuid),
    command: app.command,
    maxRunTimeMs: Math.max(1_000, Math.round(maxHours * 3_600_000)),
  };
}

/** Fills the command with placeholder paths for the inputs, to find template problems before staging anything. */
function checkCommand(plan: ExecutionPlan, active: ActiveJob): void {
  const inputPaths = Object.fromEntries(Object.keys(active.facts.inputs).map((id) => [id, `inputs/${id}`]));
  let argv: string[];
  try {
    argv = fillCommand(plan.command, { ...active.facts.parameters, ...inputPaths });
  } catch (error) {
    throw new JobFailedError(`app '${active.facts.appId}': ${(error as Error).message}`, { cause: error });
  }
  if (plan.kind !== 'sim') return;
  const { problems } = checkSimProgram(argv.slice(1).join('\n'));
  if (problems.length > 0) {
    throw new JobFailedError(`the sim program is not valid: ${problems.map((problem) => `line ${problem.line}: ${problem.message}`).join('; ')}`);
  }
}

/** See the file comment. */
export class ValidateJobs {
  @job({ throws: [JobFailedError] })
  async validate(@param() active: ActiveJob, store: LifecycleStore, settings: LifecycleSettings): Promise<ActiveJob> {
    const { app, systems } = await store.catalogOf(active);
    const plan = planOf(active, app, systems.get(active.facts.systemId), settings);
    checkCommand(plan, active);
    return store.record(active, {
      step: { to: 'PROCESSING_INPUTS', message: `Validated against app ${active.facts.appId}; processing inputs.` },
      fields: { workPath: plan.workDir },
      resumeAt: 'processInputs',
      state: { ...active.state, plan },
    });
  }
}
