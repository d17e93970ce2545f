/**
 * Running a `sim` job: its program (the filled command after `sim`, one step per line) runs in
 * the worker, from the step it last reached, so a job resumed after a crash does not repeat
 * finished steps. COMPUTE steps are CPU-bound: they run as the `compute` job, which the teams file
 * puts on a thread pool. LOG lines and step results go to the job's stdout file. Cancelling the
 * job stops the program at once; maxRunTime stops it with a failure.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { flows, job, JobContext, param } from '../../framework/index.js';
import { formatRunTime, parseSimProgram, runSimProgram, simCompute, workDirLayout } from '../execution/index.js';
import type { ActiveJob } from './active-job.js';
import { RemoteRunFailedError, TransientJobError } from './lifecycle-errors.js';
import { LifecycleStore } from './lifecycle-store.js';

/** The flows of simulate. */
export interface SimulateFlows {
  /** Runs a COMPUTE step (a call: on the compute job's team). */
  compute(iterations: number): Promise<number>;
}

/** The work directory's stdout file, opened for appending the program's output without blocking the event loop. */
async function openStdout(workDir: string): Promise<WriteStream> {
  const { controlDir, stdout } = workDirLayout(workDir);
  await mkdir(controlDir, { recursive: true });
  return createWriteStream(stdout, { flags: 'a' });
}

/** Closes `stream` once what was written has reached the file. */
function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(resolve));
}

/** See the file comment. */
export class SimJobs {
  @job({ throws: [RemoteRunFailedError, TransientJobError] })
  async simulate(
    @param() active: ActiveJob,
    store: LifecycleStore,
    context: JobContext,
    @flows<SimulateFlows>('compute') calls: SimulateFlows,
  ): Promise<ActiveJob> {
    const plan = active.state.plan!;
    const steps = parseSimProgram(active.state.argv!.slice(1).join('\n'));
    const startAt = active.state.simStep ?? 0;
    let current = await store.record(active, {
      step: { to: 'RUNNING', message: `Running the simulated program from step ${startAt + 1} of ${steps.length}.` },
      fields: { remoteStarted: new Date() },
      resumeAt: 'simulate',
      state: active.state,
    });
    const deadline = AbortSignal.timeout(plan.maxRunTimeMs);
    const signal = AbortSignal.any([context.signal, deadline]);
    const stdout = await openStdout(plan.workDir);
    const outcome = await runSimProgram(steps, {
      signal,
      startAt,
      log: (line) => stdout.write(`${line}\n`),
      compute: (iterations) => calls.compute(iterations),
      onStep: async (index) => {
        if (index === startAt) return; // the checkpoint already says so
        current = await store.record(current, { resumeAt: 'simulate', state: { ...current.state, simStep: index } });
      },
    }).finally(() => closeStream(stdout));
    if (outcome.outcome === 'aborted') {
      if (context.signal.aborted) throw outcome.reason; // cancelled: the office's cancel handler takes it
      await store.record(current, { fields: { remoteEnded: new Date(), remoteOutcome: 'FAILED' }, resumeAt: 'simulate', state: current.state });
      throw new RemoteRunFailedError(`the program was stopped after exceeding maxRunTime ${formatRunTime(plan.maxRunTimeMs)}`);
    }
    const finished = outcome.outcome === 'finished';
    current = await store.record(current, {
      fields: { remoteEnded: new Date(), remoteOutcome: finished ? 'FINISHED' : 'FAILED' },
      resumeAt: finished ? 'cleanUp' : 'simulate',
      state: current.state,
    });
    if (outcome.outcome === 'failed') {
      const message = `the simulated program failed: ${outcome.error.message}`;
      throw outcome.error.transient ? new TransientJobError(message, { cause: outcome.error }) : new RemoteRunFailedError(message, { cause: outcome.error });
    }
    return current;
  }

  /** A COMPUTE step: CPU-bound, deterministic. The teams file runs it on a thread pool. */
  @job()
  compute(@param() iterations: number): number {
    return simCompute(iterations);
  }
}
