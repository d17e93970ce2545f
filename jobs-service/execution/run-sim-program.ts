/**
 * Runs a sim program's steps in order. The caller supplies the side doors: where LOG lines go,
 * where COMPUTE runs (a thread-pool team in the lifecycle), and where the step index is saved so
 * that a resumed job continues at the step it stopped at.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import { simCompute } from './sim-compute.js';
import { SimStartError, SimStepFailedError } from './sim-errors.js';
import { simHttpCall } from './sim-http-call.js';
import type { SimStep } from './sim-program.js';

/** What {@link runSimProgram} needs from its caller. */
export interface RunSimProgramOptions {
  /** Aborting stops the program promptly: a SLEEP, HTTP_CALL or COMPUTE in progress is abandoned. */
  readonly signal?: AbortSignal;
  /** Receives each LOG message, and one line per COMPUTE and HTTP_CALL result. */
  readonly log: (line: string) => void;
  /**
   * Runs a COMPUTE step. Default: simCompute on the calling thread. Its errors reject
   * runSimProgram unchanged (a TeamOverloadError stays one).
   */
  readonly compute?: (iterations: number, signal: AbortSignal | undefined) => Promise<number>;
  /** The index of the first step to run (a checkpoint). Default 0. */
  readonly startAt?: number;
  /** Called, and awaited, before each step runs: save `index` to resume there. */
  readonly onStep?: (index: number, step: SimStep) => void | Promise<void>;
  /** The limit of one HTTP_CALL, connect to last byte. Default 30000 ms. */
  readonly httpTimeoutMs?: number;
  /** The undici dispatcher for HTTP_CALL. Default: undici's global one. */
  readonly dispatcher?: Dispatcher;
}

/** How a sim program ended. */
export type SimOutcome =
  /** Every step ran. */
  | { readonly outcome: 'finished' }
  /** A step failed; `error.transient` says whether running it again may succeed. */
  | { readonly outcome: 'failed'; readonly error: SimStepFailedError }
  /** The signal aborted; `stepIndex` is the step that was stopped or would have run next: resume there. */
  | { readonly outcome: 'aborted'; readonly stepIndex: number; readonly reason: unknown };

/** The default of {@link RunSimProgramOptions.httpTimeoutMs}. */
export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;

/** Resolves like `work`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function failure(step: SimStep, stepIndex: number, transient: boolean, reason: string, details?: Record<string, number>): SimStepFailedError {
  return new SimStepFailedError({ transient, stepIndex, line: step.line, step: step.kind, reason, ...(details === undefined ? {} : { details }) });
}

/** Runs one step; a failed step throws SimStepFailedError, an abort throws the signal's reason. */
async function runStep(step: SimStep, index: number, options: RunSimProgramOptions): Promise<void> {
  const { signal } = options;
  switch (step.kind) {
    case 'SLEEP':
      await sleep(step.ms, undefined, signal === undefined ? {} : { signal }).catch((error: unknown) => {
        throw signal?.aborted === true ? signal.reason : error;
      });
      return;
    case 'LOG':
      options.log(step.message);
      return;
    case 'COMPUTE': {
      const compute = options.compute ?? ((iterations: number) => Promise.resolve(simCompute(iterations)));
      const result = await untilAborted(compute(step.iterations, signal), signal);
      options.log(`COMPUTE ${step.iterations} = ${result}`);
      return;
    }
    case 'HTTP_CALL': {
      const result = await simHttpCall(step.url, { signal, timeoutMs: options.httpTimeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS, dispatcher: options.dispatcher });
      if (!result.ok) throw failure(step, index, result.transient, result.reason, result.status === undefined ? undefined : { status: result.status });
      options.log(`HTTP_CALL ${step.url} = ${result.status}`);
      return;
    }
    case 'FAIL':
      throw failure(step, index, step.transient, step.reason ?? 'the program asked to fail');
  }
}

/** The aborted outcome when `signal` has aborted. A function: inline, TypeScript would keep `aborted` narrowed to false across awaits. */
function abortedAt(signal: AbortSignal | undefined, stepIndex: number): SimOutcome | undefined {
  return signal?.aborted === true ? { outcome: 'aborted', stepIndex, reason: signal.reason } : undefined;
}

/**
 * Runs `steps` from `options.startAt` and resolves with how the program ended: finished, failed
 * (a step's typed error) or aborted (with the step to resume at). Errors of the caller's own
 * callbacks (log, compute, onStep) reject, so they escalate as themselves.
 */
export async function runSimProgram(steps: readonly SimStep[], options: RunSimProgramOptions): Promise<SimOutcome> {
  const startAt = options.startAt ?? 0;
  if (!Number.isSafeInteger(startAt) || startAt < 0 || startAt > steps.length) throw new SimStartError(startAt, steps.length);
  const { signal } = options;
  for (let index = startAt; index < steps.length; index += 1) {
    const step = steps[index]!;
    const aborted = abortedAt(signal, index);
    if (aborted !== undefined) return aborted;
    await options.onStep?.(index, step);
    try {
      await runStep(step, index, options);
    } catch (error) {
      if (error instanceof SimStepFailedError) return { outcome: 'failed', error };
      const stopped = abortedAt(signal, index);
      if (stopped !== undefined) return stopped;
      throw error;
    }
  }
  return { outcome: 'finished' };
}
