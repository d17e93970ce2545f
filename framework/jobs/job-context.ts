import type { Logger } from '../logging/logger.js';

/** Where a `JobContext` gets its data; the engine supplies it (on a worker thread, a proxy). */
export interface JobContextSource {
  readonly traceId: string;
  readonly flow: string;
  readonly node: string;
  readonly job: string;
  readonly team: string;
  readonly signal: AbortSignal;
  /** A logger that already carries the trace id and the flow, node, job and team names. */
  readonly logger: Logger;
  checkin(message: string): void;
}

/**
 * What a job may know about its own execution. A job receives it by declaring a parameter of
 * this type (`run(@param() x: X, context: JobContext)`).
 */
export class JobContext {
  readonly #source: JobContextSource;

  /** @internal Created by the engine for each execution that asks for it. */
  constructor(source: JobContextSource) {
    this.#source = source;
  }

  /** The trace id of the flow run, shared by every job of the run and its logs. */
  get traceId(): string {
    return this.#source.traceId;
  }

  /** The name of the flow this job runs in. */
  get flow(): string {
    return this.#source.flow;
  }

  /** The name of the node of the flow graph that runs this job. */
  get node(): string {
    return this.#source.node;
  }

  /** The job's name (`Class.method` unless `@job({ name })` says otherwise). */
  get job(): string {
    return this.#source.job;
  }

  /** The team the job runs on. */
  get team(): string {
    return this.#source.team;
  }

  /** Aborts when the flow run is cancelled; pass it to I/O so that the job stops early. */
  get signal(): AbortSignal {
    return this.#source.signal;
  }

  /** A structured logger carrying the trace id and the flow, node, job and team names. */
  get logger(): Logger {
    return this.#source.logger;
  }

  /**
   * Reports progress of a long job ("downloaded 3 of 10 inputs"); the office emits it as a
   * `job:checkin` event and keeps it in the run's trace.
   */
  checkin(message: string): void {
    this.#source.checkin(message);
  }
}
