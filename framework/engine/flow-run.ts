import type { DependencyContainer } from '../dependencies/dependency-container.js';
import type { DependencyDisposeError } from '../dependencies/dependency-errors.js';
import type { DisposeOutcome } from '../dependencies/provide.js';
import type { JobCheckin, JobExecutionRecord } from './job-execution-record.js';

/** What a traced run keeps: its job records and check-ins, in order. */
export interface RunTraceLog {
  readonly records: JobExecutionRecord[];
  readonly checkins: JobCheckin[];
}

/**
 * One flow run: an `invoke()` or a spawn (OfficeFloor's thread state). It owns the run's
 * flow-scoped dependencies and its cancellation. Sub-flows and called flows share their run.
 */
export class FlowRun {
  /** Set once the run is cancelled; checked before every job. */
  cancelled = false;
  cancelReason: unknown;
  readonly #processScope: DependencyContainer;
  #controller: AbortController | undefined;
  #flowScope: DependencyContainer | undefined;
  #detachCaller: (() => void) | undefined;

  constructor(
    readonly traceId: string,
    processScope: DependencyContainer,
    /** The trace, when the caller asked for one. */
    readonly trace: RunTraceLog | undefined,
    callerSignal: AbortSignal | undefined,
  ) {
    this.#processScope = processScope;
    if (callerSignal !== undefined) this.#follow(callerSignal);
  }

  /** The run's signal; created on first use, so runs whose jobs never ask for it pay nothing. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.cancelled) this.#controller.abort(this.cancelReason);
    }
    return this.#controller.signal;
  }

  /** The run's flow-scoped dependencies; created when a job first needs one. */
  get flowScope(): DependencyContainer {
    return (this.#flowScope ??= this.#processScope.child('flow'));
  }

  /** Cancels the run: no further job starts, and running jobs see their signal abort. */
  cancel(reason: unknown): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.cancelReason = reason;
    this.#controller?.abort(reason);
  }

  /** Ends the run: disposes its flow-scoped dependencies with the outcome (commit or roll back). */
  async end(outcome: DisposeOutcome): Promise<DependencyDisposeError[]> {
    this.#detachCaller?.();
    return this.#flowScope === undefined ? [] : this.#flowScope.dispose(outcome);
  }

  #follow(callerSignal: AbortSignal): void {
    if (callerSignal.aborted) return this.cancel(callerSignal.reason);
    const onAbort = (): void => this.cancel(callerSignal.reason);
    callerSignal.addEventListener('abort', onAbort, { once: true });
    this.#detachCaller = () => callerSignal.removeEventListener('abort', onAbort);
  }
}
