/**
 * Staging the job and submitting it. STAGING_JOB fills the app's command with the parameters and
 * the staged inputs' paths; SUBMITTING starts the run and QUEUED records its remote id. A `local`
 * run is found again in its work directory if a worker died after starting it, so a resumed
 * submission never starts the app twice. A `sim` job goes on to the `simulate` node.
 */
import { mkdir } from 'node:fs/promises';
import { flows, job, param } from '../../framework/index.js';
import { fillCommand, findLocalProcess, launchLocalProcess, type LocalProcessHandle } from '../execution/index.js';
import type { ActiveJob, ExecutionPlan } from './active-job.js';
import { JobFailedError } from './lifecycle-errors.js';
import { LifecycleStore } from './lifecycle-store.js';

/** The flows of submit. */
export interface SubmitFlows {
  /** A `sim` job: its program runs in the worker. */
  simulate(active: ActiveJob): void;
}

/** Each input id's staged paths, relative to the work directory, as command values. */
function stagedPaths(active: ActiveJob): Record<string, string | string[]> {
  const byId = new Map<string, string[]>();
  for (const input of active.state.staged ?? []) byId.set(input.id, [...(byId.get(input.id) ?? []), input.path]);
  return Object.fromEntries([...byId].map(([id, paths]) => [id, Array.isArray(active.facts.inputs[id]) ? paths : paths[0]!]));
}

async function startLocal(plan: ExecutionPlan, argv: readonly string[]): Promise<LocalProcessHandle> {
  try {
    return (await findLocalProcess(plan.workDir)) ?? (await launchLocalProcess({ workDir: plan.workDir, argv, maxRunTimeMs: plan.maxRunTimeMs }));
  } catch (error) {
    throw new JobFailedError(`starting the app failed: ${(error as Error).message}`, { cause: error });
  }
}

/** See the file comment. */
export class SubmitJobs {
  @job({ throws: [JobFailedError] })
  async stageJob(@param() active: ActiveJob, store: LifecycleStore): Promise<ActiveJob> {
    const plan = active.state.plan!;
    let argv: string[];
    try {
      argv = fillCommand(plan.command, { ...active.facts.parameters, ...stagedPaths(active) });
    } catch (error) {
      throw new JobFailedError(`app '${active.facts.appId}': ${(error as Error).message}`, { cause: error });
    }
    await mkdir(plan.workDir, { recursive: true });
    return store.record(active, {
      step: { to: 'STAGING_JOB', message: `Staged the job in ${plan.workDir}.` },
      resumeAt: 'submit',
      state: { ...active.state, argv },
    });
  }

  @job({ throws: [JobFailedError] })
  async submit(@param() active: ActiveJob, store: LifecycleStore, @flows<SubmitFlows>('simulate') next: SubmitFlows): Promise<ActiveJob> {
    const plan = active.state.plan!;
    const submitting = await store.record(active, {
      step: { to: 'SUBMITTING', message: `Submitting to ${plan.kind} system ${active.facts.systemId}.` },
      resumeAt: 'submit',
      state: active.state,
    });
    if (plan.kind === 'sim') {
      const queued = await store.record(submitting, {
        step: { to: 'QUEUED', message: 'The simulated run is queued.' },
        fields: { remoteJobId: `sim:${active.facts.uuid}`, remoteSubmitted: new Date() },
        resumeAt: 'simulate',
        state: submitting.state,
      });
      next.simulate(queued);
      return queued;
    }
    const launch = await startLocal(plan, active.state.argv!);
    return store.record(submitting, {
      step: { to: 'QUEUED', message: `Started process group ${launch.pgid}.` },
      fields: { remoteJobId: `local:${launch.pgid}`, remoteSubmitted: new Date(launch.startedAt) },
      resumeAt: 'monitor',
      state: { ...submitting.state, launch },
    });
  }
}
