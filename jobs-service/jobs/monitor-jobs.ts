/**
 * Monitoring a `local` run. Each check reads the run's records from its work directory (any
 * worker can, after a crash too). While the app runs, the job is parked on the queue with a delay
 * that doubles up to a maximum, so a long run holds no worker, memory or connection; the flow
 * resumes at `monitor` when the delay is up. QUEUED becomes RUNNING at the first check that finds
 * the app started; the end of the run goes on to clean-up, or escalates its failure.
 */
import { flows, job, param } from '../../framework/index.js';
import { formatRunTime, inspectLocalProcess, killLocalProcess } from '../execution/index.js';
import type { ActiveJob, LifecycleRunEnd } from './active-job.js';
import { RemoteRunFailedError } from './lifecycle-errors.js';
import { LifecycleSettings } from './lifecycle-settings.js';
import { LifecycleStore, type StatusStep } from './lifecycle-store.js';

/** The flows of monitor. */
export interface MonitorFlows {
  /** The app still runs: the job was parked; this run ends. */
  checkAgain(active: ActiveJob): void;
}

const running: StatusStep = { to: 'RUNNING', message: 'The app is running.' };

/** See the file comment. */
export class MonitorJobs {
  @job({ throws: [RemoteRunFailedError] })
  async monitor(
    @param() active: ActiveJob,
    store: LifecycleStore,
    settings: LifecycleSettings,
    @flows<MonitorFlows>('checkAgain') next: MonitorFlows,
  ): Promise<ActiveJob> {
    const launch = active.state.launch!;
    const status = await inspectLocalProcess(launch);
    const remoteStarted = new Date(launch.startedAt);
    if (status.state === 'running' && !status.supervised && Date.now() > remoteStarted.getTime() + launch.maxRunTimeMs) {
      // The launcher that enforces maxRunTime is gone (killed on its own): the monitor enforces it.
      await killLocalProcess(launch);
      throw new RemoteRunFailedError(`killed after exceeding maxRunTime ${formatRunTime(launch.maxRunTimeMs)} (its launcher had died)`);
    }
    if (status.state === 'running') {
      const delayMs = settings.nextCheckDelay(active.state.nextCheckMs);
      const state = { ...active.state, nextCheckMs: delayMs };
      await store.park(active, { step: running, fields: { remoteStarted, statusChecked: true }, resumeAt: 'monitor', state }, delayMs);
      next.checkAgain({ ...active, state });
      return active;
    }
    if (status.state === 'lost') {
      throw new RemoteRunFailedError(`the app's run was lost: ${status.reason}`);
    }
    const remoteEnded = new Date(status.endedAt);
    const outcome = status.succeeded ? 'FINISHED' : 'FAILED';
    const recorded = await store.record(active, {
      step: running,
      fields: { remoteStarted, remoteEnded, remoteOutcome: outcome, statusChecked: true },
      resumeAt: status.succeeded ? 'cleanUp' : 'monitor',
      state: active.state,
    });
    if (!status.succeeded) throw new RemoteRunFailedError(status.message);
    return recorded;
  }

  /** Ends the run of a parked job; the queue resumes it at `monitor`. */
  @job()
  awaitNextCheck(@param() active: ActiveJob): LifecycleRunEnd {
    return { end: 'parked', resumeAt: 'monitor', delayMs: active.state.nextCheckMs ?? 0 };
  }
}
