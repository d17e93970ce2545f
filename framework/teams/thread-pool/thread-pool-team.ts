import { Piscina } from 'piscina';
import type { Team, TeamJob, TeamSlot } from '../team.js';
import { TeamOverloadError, TeamStoppedError } from '../team-errors.js';
import { locateUncloneable } from './clone-check.js';
import { javaScriptUrl, workerEntryUrl } from './compiled-sources.js';
import { rebuildError } from './serialized-error.js';
import type { TaskStatus } from './task-status.js';
import { UncloneableValueError, WorkerCrashedError } from './thread-pool-errors.js';
import type { WorkerOutcome } from './worker-protocol.js';
import { WorkerTaskRun } from './worker-task-run.js';

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
      idleTimeout: options.idleTimeoutMs,
      // No maxQueue: piscina does not count tasks that can be aborted, so the team bounds its queue itself.
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
      return new UncloneableValueError(job.job, this.name, locateUncloneable(job.argument, 'its argument'), error);
    }
    if (this.#stopped) return new TeamStoppedError(this.name);
    return new WorkerCrashedError(job.job, this.name, error);
  }
}

