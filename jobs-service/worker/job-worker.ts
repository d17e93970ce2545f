/**
 * The job worker: claims due jobs from the work queue, runs each through the lifecycle (the
 * `runJob` callback, which invokes the office), and keeps the leases of the jobs it holds alive.
 * It is woken by NOTIFY when work is enqueued and by a timer for the next delayed job (a parked
 * monitor); it never polls, apart from a slow safety sweep. A cancel NOTIFY for a job it holds
 * aborts that job's run.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../database/database.js';
import { CANCEL_CHANNEL } from '../store/cancel-job.js';
import { WORK_CHANNEL } from '../intake/promote-accepted.js';
import { WakeCoalescer } from './wake-coalescer.js';
import { claimWork, msUntilNextDue, release, renewLeases, type ClaimedWork } from './work-queue.js';

/** Why a held job's run was aborted. */
export class JobCancelRequested extends Error {
  constructor(readonly jobUuid: string) {
    super(`job ${jobUuid} was cancelled`);
    this.name = 'JobCancelRequested';
  }
}

/** Runs one claimed job until its run ends (a checkpoint parked it, or it ended). */
export type RunClaimedJob = (work: ClaimedWork, owner: string, signal: AbortSignal) => Promise<void>;

/** Options of {@link JobWorker}. */
export interface JobWorkerOptions {
  readonly db: Database;
  readonly logger: Logger;
  readonly runJob: RunClaimedJob;
  /** Jobs run at once by this worker. */
  readonly concurrency: number;
  /** How long a claim lasts without renewal; a dead worker's jobs are taken over after it. */
  readonly leaseMs: number;
  /** Tenant queues to take jobs from; empty: all. */
  readonly queues: readonly string[];
  /** The safety sweep, for a wake-up lost with a dropped LISTEN connection. */
  readonly sweepIntervalMs: number;
  /** How long a job whose run failed without a checkpoint waits before it is retried. */
  readonly retryDelayMs: number;
}

/** Claims and runs jobs; see the file comment. */
export class JobWorker {
  /** This worker's name in the queue's `lease_owner`. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #options: JobWorkerOptions;
  readonly #held = new Map<string, { controller: AbortController; run: Promise<void> }>();
  #renewal: NodeJS.Timeout | undefined;
  #unlistenCancel: (() => Promise<void>) | undefined;
  readonly #fills = new WakeCoalescer(() => this.#fillOnce(), () => !this.#stopped);
  #nextDue: NodeJS.Timeout | undefined;
  #stopped = true;

  constructor(options: JobWorkerOptions) {
    this.#options = options;
  }

  /** The jobs this worker runs now. */
  get heldJobs(): readonly string[] {
    return [...this.#held.keys()];
  }

  async start(): Promise<void> {
    this.#stopped = false;
    const { db, sweepIntervalMs, leaseMs } = this.#options;
    await this.#fills.listen(db, WORK_CHANNEL, sweepIntervalMs);
    this.#unlistenCancel = await db.listen(CANCEL_CHANNEL, (uuid) => this.#cancel(uuid));
    this.#renewal = setInterval(() => void this.#renew(), Math.max(50, Math.floor(leaseMs / 3)));
    this.#renewal.unref();
    this.wake();
    await this.#fills.idle();
  }

  /** Claims jobs until the worker is full or nothing is due. Wake-ups during a fill merge into one more round. */
  wake(): void {
    this.#fills.wake();
  }

  /**
   * Stops claiming and waits for the runs in flight. Runs still going after `drainMs` are aborted
   * and their jobs released, so another worker resumes them at their last checkpoint.
   */
  async stop(drainMs = 10_000): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#nextDue);
    await this.#fills.quiet();
    await this.#unlistenCancel?.();
    await this.#fills.idle();
    try {
      await this.#drain(drainMs);
    } finally {
      // Renewed until here: the runs that finish during the drain keep their leases.
      clearInterval(this.#renewal);
    }
  }

  async #drain(drainMs: number): Promise<void> {
    const runs = Promise.all([...this.#held.values()].map((held) => held.run));
    const drained = await Promise.race([runs.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), drainMs).unref())]);
    if (drained) return;
    const left = [...this.#held.keys()];
    for (const held of this.#held.values()) held.controller.abort(new Error('the worker is stopping'));
    await Promise.all(left.map((uuid) => release(this.#options.db, this.owner, uuid, 0).catch(() => {})));
    this.#options.logger.warn({ jobs: left }, 'worker stopped with jobs in flight; they resume elsewhere at their last checkpoint');
  }

  /** Resolves when no claim round is running and no job is held (tests). */
  async idle(): Promise<void> {
    do {
      await this.#fills.idle();
      await Promise.all([...this.#held.values()].map((held) => held.run));
    } while (this.#held.size > 0);
  }

  async #fillOnce(): Promise<boolean> {
    try {
      await this.#fill();
      await this.#scheduleNextDue();
      return true;
    } catch (error) {
      this.#options.logger.error({ err: error }, 'worker: claiming jobs failed; will retry on the next wake-up');
      return false;
    }
  }

  async #fill(): Promise<void> {
    const { db, concurrency, leaseMs, queues } = this.#options;
    while (!this.#stopped && this.#held.size < concurrency) {
      const claimed = await claimWork(db, { owner: this.owner, leaseMs, limit: concurrency - this.#held.size, queues });
      for (const work of claimed) this.#run(work);
      if (claimed.length === 0) return;
    }
  }

  /** Sets a timer for the next job that becomes due later (a parked monitor, a retry). */
  async #scheduleNextDue(): Promise<void> {
    if (this.#stopped || this.#held.size >= this.#options.concurrency) return;
    const ms = await msUntilNextDue(this.#options.db, this.#options.queues);
    clearTimeout(this.#nextDue);
    if (ms === undefined) return;
    this.#nextDue = setTimeout(() => this.wake(), Math.min(ms + 5, this.#options.sweepIntervalMs));
    this.#nextDue.unref();
  }

  #run(work: ClaimedWork): void {
    const controller = new AbortController();
    if (work.cancelRequested) controller.abort(new JobCancelRequested(work.jobUuid));
    const run = this.#options
      .runJob(work, this.owner, controller.signal)
      .catch(async (error: unknown) => {
        this.#options.logger.error({ err: error, job: work.jobUuid }, 'worker: the job run failed without a checkpoint; it is retried');
        await release(this.#options.db, this.owner, work.jobUuid, this.#options.retryDelayMs).catch(() => {});
      })
      .finally(() => {
        this.#held.delete(work.jobUuid);
        this.wake();
      });
    this.#held.set(work.jobUuid, { controller, run });
  }

  #cancel(jobUuid: string): void {
    this.#held.get(jobUuid)?.controller.abort(new JobCancelRequested(jobUuid));
  }

  async #renew(): Promise<void> {
    try {
      await renewLeases(this.#options.db, this.owner, this.heldJobs, this.#options.leaseMs);
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'worker: renewing leases failed; retrying at the next heartbeat');
    }
  }
}
