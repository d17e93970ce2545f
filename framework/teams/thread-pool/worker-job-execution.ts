import { pino } from 'pino';
import type { DependencyContainer } from '../../dependencies/dependency-container.js';
import { JobCall, type JobCallHost } from '../../engine/job-call.js';
import type { JobDefinition } from '../../jobs/job-definition.js';
import type { Logger } from '../../logging/logger.js';
import { findUncloneable, locateUncloneable } from './clone-check.js';
import { decodeArgument, rebuildError, serializeError } from './serialized-error.js';
import { UncloneableValueError } from './thread-pool-errors.js';
import type { FromWorker, ToWorker, WorkerOutcome, WorkerTask } from './worker-protocol.js';
import type { WorkerOffice } from './worker-office.js';

/**
 * One job execution on a worker thread: the `JobCall` runs here; flow calls, spawns, check-ins
 * and log lines travel to the main thread over the task's port, and aborts and call results
 * come back on it.
 */
export class WorkerJobExecution implements JobCallHost {
  readonly argument: unknown;
  readonly #abort = new AbortController();
  readonly #calls = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  #nextCallId = 0;
  #goto: { method: string; argument: unknown } | undefined;
  #logger: Logger | undefined;

  constructor(
    readonly office: WorkerOffice,
    readonly task: WorkerTask,
    readonly definition: JobDefinition,
  ) {
    this.argument = decodeArgument(task.argument);
  }

  get traceId(): string {
    return this.task.traceId;
  }
  get flow(): string {
    return this.task.flow;
  }
  get node(): string {
    return this.task.node;
  }
  get job(): string {
    return this.task.job;
  }
  get team(): string {
    return this.task.team;
  }
  get signal(): AbortSignal {
    return this.#abort.signal;
  }
  get neededBy(): string {
    return `job ${this.job} at node '${this.node}' of flow '${this.flow}' (on a worker thread of team '${this.team}')`;
  }

  /** Lines go to the main thread, which writes them through the office's logger. */
  get logger(): Logger {
    return (this.#logger ??= pino({ level: this.task.logLevel, base: undefined }, { write: (line: string) => this.#post({ type: 'log', line }) }));
  }

  /** Runs the job and returns how it ended, as data for the main thread. */
  async run(): Promise<WorkerOutcome> {
    const call = new JobCall(this.definition, this);
    try {
      const value = await call.start();
      await call.finish();
      return { ok: true, value, ...(this.#goto !== undefined && { goto: this.#goto }) };
    } catch (error) {
      await call.abandon(error);
      return { ok: false, error: serializeError(error) };
    }
  }

  /** A message from the main thread. */
  receive(message: ToWorker): void {
    if (message.type === 'abort') return this.#abort.abort(message.reason);
    const pending = this.#calls.get(message.id);
    this.#calls.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(rebuildError(message.error));
  }

  scope(scope: 'process' | 'flow'): DependencyContainer {
    // Start-up refuses flow-scoped dependencies for thread-pool jobs: a run's scope stays on the main thread.
    if (scope === 'flow') throw new Error(`Job '${this.job}' needs a flow-scoped dependency on a worker thread; start-up should have refused it.`);
    return this.office.processScope;
  }

  jobScopeParent(): DependencyContainer {
    return this.office.processScope;
  }

  checkin(message: string): void {
    this.#post({ type: 'checkin', message });
  }

  isSpawn(method: string): boolean {
    return this.task.spawnMethods.includes(method);
  }

  callFlow(method: string, argument: unknown): Promise<unknown> {
    const id = this.#nextCallId++;
    return new Promise((resolve, reject) => {
      this.#calls.set(id, { resolve, reject });
      try {
        this.#postValue({ type: 'call', id, method, argument }, argument, `the argument of flow '${method}'`);
      } catch (error) {
        this.#calls.delete(id);
        reject(error);
      }
    });
  }

  spawnFlow(method: string, argument: unknown): void {
    this.#postValue({ type: 'spawn', method, argument }, argument, `the argument of flow '${method}'`);
  }

  setGoto(method: string, argument: unknown): void {
    this.#goto = { method, argument };
  }

  #post(message: FromWorker): void {
    // Only jobs with flows or a JobContext post, and those get a port (see worker-protocol.ts).
    this.task.port!.postMessage(message);
  }

  /** Posts a message carrying a job's value; a value that cannot be cloned is named precisely. */
  #postValue(message: FromWorker, value: unknown, what: string): void {
    try {
      this.#post(message);
    } catch (error) {
      throw uncloneable(this.job, this.team, value, what, error);
    }
  }
}

/**
 * The outcome as it can cross: `send` posts it (on the task's port) or clones it (to check it
 * before piscina posts it, since a failure there would end the thread). A result that cannot be
 * cloned becomes an error naming where it fails.
 */
export function crossableOutcome(job: string, team: string, outcome: WorkerOutcome, send: (outcome: WorkerOutcome) => void): WorkerOutcome {
  try {
    send(outcome);
    return outcome;
  } catch (error) {
    const parts: Array<[unknown, string]> = outcome.ok
      ? [[outcome.value, 'its result'], ...(outcome.goto ? [[outcome.goto.argument, `the argument of flow '${outcome.goto.method}'`] as [unknown, string]] : [])]
      : [[outcome.error, 'its error']];
    const [value, what] = parts.find(([part, name]) => findUncloneable(part, name) !== undefined) ?? parts[0]!;
    const failure: WorkerOutcome = { ok: false, error: serializeError(uncloneable(job, team, value, what, error)) };
    send(failure);
    return failure;
  }
}

function uncloneable(job: string, team: string, value: unknown, what: string, cause: unknown): UncloneableValueError {
  return new UncloneableValueError(job, team, locateUncloneable(value, what), cause);
}
