/**
 * The value that travels through the job lifecycle flow: what the job is (from its row, fixed at
 * submission), what the finished phases left (the checkpoint state, persisted in the work queue at
 * each phase boundary), and the lease under which this worker acts on it. Plain JSON throughout,
 * so it is persisted as is and may cross to a thread-pool team.
 */
import type { LocalProcessHandle } from '../execution/index.js';
import type { StagedInput } from '../storage/index.js';

/** The job's submission-time facts the phases read. */
export interface JobFacts {
  readonly uuid: string;
  readonly tenantId: string;
  readonly owner: string;
  readonly name: string;
  readonly appId: string;
  readonly systemId: string;
  readonly inputs: Readonly<Record<string, string | readonly string[]>>;
  readonly parameters: Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>;
  readonly archive: boolean;
  readonly archivePath: string | null;
  readonly archiveSystem: string | null;
  readonly maxHours: number;
}

/** How the job runs, fixed by the validate phase from the app and its execution system. */
export interface ExecutionPlan {
  readonly kind: 'local' | 'sim';
  /** The job's work directory: under the local system's root, or the service's data directory for sim. */
  readonly workDir: string;
  /** The app's command template; filled with the parameters and staged input paths when the job is staged. */
  readonly command: readonly string[];
  readonly maxRunTimeMs: number;
}

/** What the finished phases left for the next ones; the work queue's `state` column. */
export interface LifecycleState {
  readonly plan?: ExecutionPlan;
  readonly staged?: readonly StagedInput[];
  /** The filled command (for sim: `sim` and the program), from the stage-job phase on. */
  readonly argv?: readonly string[];
  /** The launched `local` run. */
  readonly launch?: LocalProcessHandle;
  /** The sim step to resume at. */
  readonly simStep?: number;
  /** The delay before the next status check; grows while the run goes on. */
  readonly nextCheckMs?: number;
}

/** The lifecycle flow's argument and each phase's result. */
export interface ActiveJob {
  readonly facts: JobFacts;
  readonly state: LifecycleState;
  /** The worker holding the job's lease: checkpoints are written only under it. */
  readonly lease: string;
}

/** What a run of the lifecycle flow ended with; anything else makes the worker release the job for a retry. */
export type LifecycleRunEnd =
  | { readonly end: 'ended'; readonly status: 'FINISHED' | 'FAILED' | 'STOPPED' }
  | { readonly end: 'parked'; readonly resumeAt: string; readonly delayMs: number }
  | { readonly end: 'abandoned'; readonly reason: string };

/** Whether `value` is a {@link LifecycleRunEnd}. */
export function isLifecycleRunEnd(value: unknown): value is LifecycleRunEnd {
  return typeof value === 'object' && value !== null && ['ended', 'parked', 'abandoned'].includes((value as { end?: string }).end ?? '');
}
