import { randomUUID } from 'node:crypto';
import type { DependencyContainer } from '../dependencies/dependency-container.js';
import type { DependencyDisposeError } from '../dependencies/dependency-errors.js';
import type { DisposeOutcome } from '../dependencies/provide.js';
import type { JobCheckin, JobExecutionRecord } from './job-execution-record.js';
import type { RunGroup } from './run-group.js';

const noFailures: readonly DependencyDisposeError[] = Object.freeze([]);

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
  readonly #group: RunGroup;
  readonly #processScope: DependencyContainer;
  #cancelled = false;
  #cancelReason: unknown;
  #traceId: string | undefined;
  #controller: AbortController | undefined;
  #flowScope: DependencyContainer | undefined;
  #detachCaller: (() => void) | undefined;

  constructor(
    group: RunGroup,
    processScope: DependencyContainer,
    /** The run's trace id; undefined: a random UUID, made when first read. */
    traceId: string | undefined,
    /** The trace, when the caller asked for one. */
    readonly trace: RunTraceLog | undefined,
    callerSignal: AbortSignal | undefined,
  ) {
    this.#group = group;
    this.#processScope = processScope;
    this.#traceId = traceId;
    group.enter();
    if (callerSignal !== undefined) this.#follow(callerSignal);
  }

  /** The trace id shared by the run's jobs, records and logs. */
  get traceId(): string {
    return (this.#traceId ??= randomUUID());
  }

  /** True once the run, or the office it runs in, is cancelled; checked before every job. */
  get cancelled(): boolean {
    return this.#cancelled || this.#group.cancelled;
  }

  /** Why the run was cancelled. */
  get cancelReason(): unknown {
    return this.#cancelled ? this.#cancelReason : this.#group.reason;
  }

  /** The run's signal; created on first use, so runs whose jobs never ask for it pay nothing. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.cancelled) this.#controller.abort(this.cancelReason);
      else this.#group.watch(this);
    }
    return this.#controller.signal;
  }

  /** The run's flow-scoped dependencies; created when a job first needs one. */
  get flowScope(): DependencyContainer {
    return (this.#flowScope ??= this.#processScope.child('flow'));
  }

  /** Cancels the run: no further job starts, and running jobs see their signal abort. */
  cancel(reason: unknown): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#cancelReason = reason;
    this.abortSignal(reason);
  }

  /** Aborts the run's signal, if a job created it. */
  abortSignal(reason: unknown): void {
    this.#controller?.abort(reason);
  }

  /**
   * Ends the run: disposes its flow-scoped dependencies with the outcome (commit or roll back)
   * and returns the disposal failures; synchronously when it has none to dispose.
   */
  end(outcome: DisposeOutcome): readonly DependencyDisposeError[] | Promise<readonly DependencyDisposeError[]> {
    this.#detachCaller?.();
    return this.#flowScope === undefined ? noFailures : this.#flowScope.dispose(outcome);
  }

  /** Counts the run out of the office's runs in flight, once all its work has settled. */
  leaveGroup(): void {
    this.#group.leave(this);
  }

  #follow(callerSignal: AbortSignal): void {
    if (callerSignal.aborted) return this.cancel(callerSignal.reason);
    const onAbort = (): void => this.cancel(callerSignal.reason);
    callerSignal.addEventListener('abort', onAbort, { once: true });
    this.#detachCaller = () => callerSignal.removeEventListener('abort', onAbort);
  }
}
