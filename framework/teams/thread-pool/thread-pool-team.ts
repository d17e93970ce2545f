import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Team, TeamJob, TeamSlot } from '../team.js';
import { TeamOverloadError, TeamStoppedError } from '../team-errors.js';
import { findUncloneable } from './clone-check.js';
import { javaScriptUrl, workerEntryUrl } from './compiled-sources.js';
import { encodeArgument, rebuildError, serializeError } from './serialized-error.js';
import { UncloneableValueError, WorkerCrashedError } from './thread-pool-errors.js';
import { TaskStatus } from './task-status.js';
import type { FromWorker, ToWorker, WorkerOutcome, WorkerTask } from './worker-protocol.js';

/** Options of a `thread-pool` team (see `teams.config.json`). */
export interface ThreadPoolTeamOptions {
  /** Threads kept alive, and the most the team starts under load. */
  readonly threads: { readonly min: number; readonly max: number };
  /** How many jobs may wait for a thread before `TeamOverloadError` escalates. */
  readonly maxQueue: number;
  /** How long a thread above `min` may idle before it ends, in milliseconds. */
  readonly idleTimeoutMs: number;
  /** Each thread's heap limit; a job that exceeds it ends its thread (`WorkerCrashedError`). */
  readonly maxOldGenerationSizeMb?: number;
}

/** The office module that worker threads import to find the jobs. */
export interface OfficeModule {
  /** A file URL. */
  readonly url: string;
  /** The office's name, when the module exports several. */
  readonly name: string | undefined;
}


/**
 * Runs jobs on worker threads (piscina), so that CPU-heavy jobs never hold up the main thread's
 * event loop. A job's argument, result and errors cross by structured clone; its flows travel
 * back to the main thread, and cancellation reaches it on the worker.
 */
export class ThreadPoolTeam implements Team {
  readonly kind = 'thread-pool';
  readonly onMainThread = false;
  readonly #pool: Piscina;
  readonly #slot: TeamSlot = { run: (job: TeamJob) => this.#run(job), release: () => {} };
  /** The jobs given to the pool and not ended yet; those that started are running on a thread. */
  readonly #inFlight = new Set<TaskStatus>();
  #stopped = false;

  constructor(
    readonly name: string,
    readonly options: ThreadPoolTeamOptions,
    readonly office: OfficeModule,
    readonly logLevel: string,
  ) {
    this.#pool = new Piscina({
      filename: javaScriptUrl(workerEntryUrl),
      minThreads: options.threads.min,
      maxThreads: options.threads.max,
      // The team bounds its queue itself: piscina does not count tasks that can be aborted.
      idleTimeout: options.idleTimeoutMs,
      ...(options.maxOldGenerationSizeMb !== undefined && { resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb } }),
    });
  }

  get load(): { active: number; queued: number } {
    let active = 0;
    for (const status of this.#inFlight) if (status.started) active++;
    return { active, queued: this.#inFlight.size - active };
  }

  admit(): TeamSlot {
    if (this.#stopped) throw new TeamStoppedError(this.name);
    return this.#slot;
  }

  /** Terminates the threads; a job still running on one fails with `TeamStoppedError`. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#pool.destroy();
  }

  async #run(job: TeamJob): Promise<unknown> {
    // Every thread busy (or about to be) and maxQueue jobs waiting: refuse, so that load is shed early.
    if (this.#inFlight.size >= this.options.threads.max + this.options.maxQueue) {
      throw new TeamOverloadError(this.name, this.options.maxQueue, job.job);
    }
    const task = new WorkerTaskRun(this, job);
    let outcome: WorkerOutcome;
    this.#inFlight.add(task.status);
    try {
      outcome = await task.run(this.#pool);
    } catch (error) {
      throw this.#failure(error, job);
    } finally {
      this.#inFlight.delete(task.status);
      task.close();
    }
    if (!outcome.ok) throw rebuildError(outcome.error);
    if (outcome.goto !== undefined) job.setGoto(outcome.goto.method, outcome.goto.argument);
    return outcome.value;
  }

  /** What piscina's failure means for the job. */
  #failure(error: unknown, job: TeamJob): unknown {
    const { name } = error as Error;
    if (name === 'AbortError') return job.signal.reason;
    if (name === 'DataCloneError') {
      const part = findUncloneable(job.argument, 'its argument') ?? { path: 'its argument', what: 'a value structured clone refuses' };
      return new UncloneableValueError(job.job, this.name, part, error);
    }
    if (this.#stopped) return new TeamStoppedError(this.name);
    return new WorkerCrashedError(job.job, this.name, error);
  }
}

/**
 * One job's task on the pool: the main thread's end of the worker protocol. A job that talks back
 * gets a port, on which its logs, check-ins, spawns, called flows and outcome arrive. Cancellation
 * takes a queued task out of the queue and tells a running job (see `TaskStatus`).
 */
class WorkerTaskRun {
  readonly status = new TaskStatus();
  readonly #port: MessagePort | undefined;
  readonly #workerPort: MessagePort | undefined;
  readonly #leaveQueue = new AbortController();
  readonly #onAbort = (): void => this.#abort();
  #settle: (outcome: WorkerOutcome) => void = () => {};
  readonly #outcome = new Promise<WorkerOutcome>((resolve) => (this.#settle = resolve));

  constructor(
    readonly team: ThreadPoolTeam,
    readonly job: TeamJob,
  ) {
    if (talksBack(job)) {
      const { port1, port2 } = new MessageChannel();
      this.#port = port1;
      this.#workerPort = port2;
      port1.on('message', (message: FromWorker) => this.#receive(message));
    }
    job.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  async run(pool: Piscina): Promise<WorkerOutcome> {
    const { job, team } = this;
    if (job.signal.aborted) throw Object.assign(new Error('cancelled before it was queued'), { name: 'AbortError' });
    const task: WorkerTask = {
      officeModule: javaScriptUrl(team.office.url),
      officeName: team.office.name,
      job: job.job,
      argument: encodeArgument(job.argument),
      traceId: job.traceId,
      flow: job.flow,
      node: job.node,
      team: team.name,
      spawnMethods: job.definition.flowMethods.filter((method) => job.isSpawn(method)),
      logLevel: team.logLevel,
      status: this.status.buffer,
      port: this.#workerPort,
    };
    const reply = pool.run(task, { transferList: this.#workerPort ? [this.#workerPort] : [], signal: this.#leaveQueue.signal }) as Promise<WorkerOutcome | undefined>;
    if (this.#port === undefined) return (await reply)!;
    const [, outcome] = await Promise.all([reply, this.#outcome]);
    return outcome;
  }

  close(): void {
    this.job.signal.removeEventListener('abort', this.#onAbort);
    if (this.status.started) this.job.markStarted(this.status.startedAt);
    this.#port?.close();
  }

  #abort(): void {
    // A job without a port has no signal to see; its result is dropped by the cancelled run.
    if (this.status.started) this.#send({ type: 'abort', reason: describe(this.job.signal.reason) });
    else this.#leaveQueue.abort(this.job.signal.reason);
  }

  #receive(message: FromWorker): void {
    switch (message.type) {
      case 'log':
        return this.#log(message.line);
      case 'checkin':
        return this.job.checkin(message.message);
      case 'spawn':
        return this.job.spawnFlow(message.method, message.argument);
      case 'call':
        return this.#call(message.id, message.method, message.argument);
      case 'result':
        return this.#settle(message.outcome);
    }
  }

  /** Runs a flow the worker's job awaits, on the main thread, and sends back its result or escalation. */
  #call(id: number, method: string, argument: unknown): void {
    this.job.callFlow(method, argument).then(
      (value) => {
        try {
          this.#send({ type: 'call-result', id, ok: true, value });
        } catch (error) {
          const part = findUncloneable(value, `the result of flow '${method}'`) ?? { path: `the result of flow '${method}'`, what: 'a value structured clone refuses' };
          this.#send({ type: 'call-result', id, ok: false, error: serializeError(new UncloneableValueError(this.job.job, this.team.name, part, error)) });
        }
      },
      (error: unknown) => this.#send({ type: 'call-result', id, ok: false, error: serializeError(error) }),
    );
  }

  /** Writes a worker's log line through the job's logger, at its level, with its fields. */
  #log(line: string): void {
    const { level, msg, time: _time, ...fields } = JSON.parse(line) as { level: number; msg?: string; time?: number } & Record<string, unknown>;
    const logger = this.job.logger;
    const method = (logger.levels.labels[level] ?? 'info') as 'info';
    logger[method](fields, msg);
  }

  #send(message: ToWorker): void {
    this.#port?.postMessage(message);
  }
}

/** A job with flows or a JobContext sends messages while it runs, so its task gets a port. */
function talksBack(job: TeamJob): boolean {
  return job.definition.flowMethods.length > 0 || job.definition.parameters.some((role) => role.kind === 'context');
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
