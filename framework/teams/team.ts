import type { JobDefinition } from '../jobs/job-definition.js';
import type { Logger } from '../logging/logger.js';

/**
 * One job execution as a team sees it. Main-thread teams call `runHere()`; a team that runs jobs
 * elsewhere (a worker thread) sends the job's name and argument there, calls `markStarted()`
 * when the job begins, and reports the flows the job took through `callFlow`, `spawnFlow` and
 * `setGoto`, which behave exactly as the `@flows()` object does on the main thread.
 */
export interface TeamJob {
  readonly definition: JobDefinition;
  /** The job's name. */
  readonly job: string;
  readonly flow: string;
  readonly node: string;
  readonly team: string;
  readonly traceId: string;
  readonly argument: unknown;
  /** Aborts when the flow run is cancelled. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** Runs the job on the calling thread; resolves with its result. */
  runHere(): unknown;
  /**
   * Ends the job's queue wait: call when the job actually starts, or afterwards with `at`, the
   * `performance.now()` (of this thread) when it started.
   */
  markStarted(at?: number): void;
  /** Runs the node wired to `method` now, as a nested flow, and resolves with its result. */
  callFlow(method: string, argument: unknown): Promise<unknown>;
  /** Starts the node wired to `method` as an independent flow run. */
  spawnFlow(method: string, argument: unknown): void;
  /** Records that the job took `method` instead of its next (a goto). */
  setGoto(method: string, argument: unknown): void;
  /** True when the graph marks the link of flow method `method` as a spawn. */
  isSpawn(method: string): boolean;
  /** Reports progress (`JobContext.checkin`). */
  checkin(message: string): void;
}

/**
 * The right to run jobs on a team, held by one flow run for one or more consecutive jobs. A
 * run that stays on the same team keeps its slot: no scheduling hop between its jobs.
 */
export interface TeamSlot {
  /** Runs one job with this slot; returns its result, or a promise of it. */
  run(job: TeamJob): unknown;
  /** Gives the slot back, letting the next queued run in. */
  release(): void;
}

/** What a team needs from the run that waits for it. */
export interface TeamWaiter {
  /** The job that waits, named when the team refuses it. */
  readonly job: string;
  /** Read only when the run has to queue; aborting it leaves the queue. */
  readonly signal: AbortSignal;
}

/** The kinds of team this build knows; `thread-pool` is added by its own module. */
export type TeamKind = 'inline' | 'event-loop' | (string & {});

/**
 * A team runs jobs. Teams are named in `teams.config.json` and assigned to jobs there, so that
 * a deployer decides which thread, and how many at once, runs each job.
 */
export interface Team {
  readonly name: string;
  readonly kind: TeamKind;
  /**
   * True when the team runs jobs on the thread that gives them to it. A flow that such a job
   * calls (awaits) starts on the job's team; otherwise it starts on the office's default team.
   */
  readonly onMainThread: boolean;
  /**
   * Waits for room on the team and returns a slot: synchronously when there is room. Throws
   * `TeamOverloadError` when the team's queue is full and `TeamStoppedError` after `stop()`.
   */
  admit(waiter: TeamWaiter): TeamSlot | Promise<TeamSlot>;
  /** Jobs running now, and runs waiting for a slot. */
  readonly load: { readonly active: number; readonly queued: number };
  /** Refuses new work; resolves when the team's own resources are released. */
  stop(): Promise<void>;
}
