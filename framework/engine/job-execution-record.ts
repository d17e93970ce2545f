// Imported rather than the global, whose lazy getter costs a call on every read (Node 20).
import { performance } from 'node:perf_hooks';
import { asEscalation, escalationChain } from './escalation.js';
import type { JobExecution } from './job-execution.js';

/** How a job execution ended. */
export type JobOutcome = 'completed' | 'escalated';

/**
 * One record per job execution: where it ran, how long it waited for its team and ran, and how
 * it ended. The office emits it (`job:end`), counts it in its metrics and keeps it in a run's trace.
 */
export interface JobExecutionRecord {
  readonly traceId: string;
  readonly flow: string;
  readonly node: string;
  readonly job: string;
  readonly team: string;
  /** Milliseconds from asking the team for room to the job starting; 0 with no hop. */
  readonly queueWaitMs: number;
  /** Milliseconds the job ran, waiting for its dependencies included. */
  readonly runTimeMs: number;
  /**
   * CPU milliseconds of the job's synchronous part: how long it held the main thread's event loop
   * (measured with `process.cpuUsage()`, at most that part's wall time). Absent for jobs that ran
   * on a worker thread. `jobfloor teams --stats` compares it with `runTimeMs`.
   */
  readonly cpuTimeMs?: number;
  readonly outcome: JobOutcome;
  /** The flow method the job took instead of its next (a goto), if any. */
  readonly goto?: string;
  /** The class name of the escalation, for `escalated`. */
  readonly escalation?: string;
  /** When the job started, in milliseconds since the epoch. */
  readonly startedAt: number;
}

/** A progress report from a job (`JobContext.checkin`). */
export interface JobCheckin {
  readonly traceId: string;
  readonly flow: string;
  readonly node: string;
  readonly job: string;
  readonly team: string;
  readonly message: string;
  readonly at: number;
}

/** The record of a job execution that has ended. */
export function jobExecutionRecord(execution: JobExecution, failed: boolean, error: unknown): JobExecutionRecord {
  const { queuedAt, startedAt, endedAt } = execution;
  return {
    traceId: execution.traceId,
    flow: execution.flow,
    node: execution.node,
    job: execution.job,
    team: execution.team,
    queueWaitMs: startedAt - queuedAt,
    runTimeMs: endedAt - startedAt,
    outcome: failed ? 'escalated' : 'completed',
    startedAt: performance.timeOrigin + startedAt,
    ...(execution.cpuTimeMs !== undefined && { cpuTimeMs: execution.cpuTimeMs }),
    ...(execution.goto !== undefined && { goto: execution.goto.method }),
    ...(failed && { escalation: escalationChain(asEscalation(error))[0] ?? 'Error' }),
  };
}
