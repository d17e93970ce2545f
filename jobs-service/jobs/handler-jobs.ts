/**
 * The lifecycle's escalation handlers. A handler knows its job by the run's trace id, which the
 * worker sets to the job's UUID. Failing or stopping a job also ends its `local` run if one is
 * still going, so no process outlives its job.
 */
import { FlowCancelledError, job, JobContext, param } from '../../framework/index.js';
import { killLocalProcess } from '../execution/index.js';
import { IllegalTransitionError } from '../state/illegal-transition-error.js';
import { LeaseLostError } from '../worker/work-queue.js';
import type { LifecycleRunEnd, LifecycleState } from './active-job.js';
import { TransientJobError } from './lifecycle-errors.js';
import { LifecycleStore } from './lifecycle-store.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Ends the job's `local` run, if its checkpoint says it has one that may still be going. */
async function endRun(state: LifecycleState | undefined, context: JobContext): Promise<void> {
  const launch = state?.launch;
  if (launch === undefined) return;
  await killLocalProcess(launch).catch((error: unknown) => context.logger.warn({ err: error }, 'could not end the run of the job'));
}

/** Records the job's end; a job that another path ended meanwhile is left as it is. */
async function endJob(store: LifecycleStore, context: JobContext, to: 'FAILED' | 'STOPPED', message: string): Promise<LifecycleRunEnd> {
  try {
    await store.end(context.traceId, to, message);
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error;
    context.logger.info({ status: error.from }, `the job had already ended; not marking it ${to}`);
  }
  return { end: 'ended', status: to };
}

/** See the file comment. */
export class LifecycleHandlers {
  /** Any failure without a handler of its own: the job FAILS with the error's message. */
  @job()
  async failJob(@param() error: Error, store: LifecycleStore, context: JobContext): Promise<LifecycleRunEnd> {
    context.logger.warn({ err: error }, 'the job failed');
    await endRun((await store.snapshot(context.traceId))?.state, context);
    return endJob(store, context, 'FAILED', messageOf(error));
  }

  /**
   * A failure that may pass if tried again. Until the recovery issue adds retries (BLOCKED, then
   * the phase again), the job FAILS with a message that says the failure was transient.
   */
  @job()
  async retryTransient(@param() error: TransientJobError, store: LifecycleStore, context: JobContext): Promise<LifecycleRunEnd> {
    context.logger.warn({ err: error }, 'the job failed transiently');
    await endRun((await store.snapshot(context.traceId))?.state, context);
    return endJob(store, context, 'FAILED', `${messageOf(error)} (a transient failure; this service does not retry jobs yet)`);
  }

  /**
   * The run was cancelled. When the job's cancel was requested, its run is ended and the job
   * STOPPED; otherwise the worker is stopping, and the job resumes elsewhere at its last checkpoint.
   */
  @job()
  async stopOnCancel(@param() error: FlowCancelledError, store: LifecycleStore, context: JobContext): Promise<LifecycleRunEnd> {
    const snapshot = await store.snapshot(context.traceId);
    if (snapshot?.cancelRequested !== true) return { end: 'abandoned', reason: messageOf(error) };
    await endRun(snapshot.state, context);
    return endJob(store, context, 'STOPPED', `Cancelled while ${snapshot.status}.`);
  }

  /** Another worker holds the job now (this one's lease ran out): leave the job to it. */
  @job()
  abandonRun(@param() error: LeaseLostError, context: JobContext): LifecycleRunEnd {
    context.logger.warn({ err: error }, 'lost the lease of the job; leaving it to the worker that holds it');
    return { end: 'abandoned', reason: error.message };
  }
}
