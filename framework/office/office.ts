import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { OfficeStateError, UnknownFlowError } from '../errors/office-errors.js';
import type { RuntimeNode } from '../engine/engine-host.js';
import type { RunTraceLog } from '../engine/flow-run.js';
import type { JobCheckin, JobExecutionRecord } from '../engine/job-execution-record.js';
import { createDefaultLogger, type Logger } from '../logging/logger.js';
import type { TeamAssignment } from '../teams/team-assignment.js';
import { teamsFileFromDeployment, type TeamsSource } from '../teams/teams-config-loader.js';
import { compileOffice } from './office-compiler.js';
import type { OfficeDefinition } from './office-definition.js';
import { ListenerFlag, type OfficeEventMap } from './office-events.js';
import { OfficeMetrics } from './office-metrics.js';
import { OfficeRuntime, type RunOptions } from './office-runtime.js';
import { trackOffice, untrackOffice } from './running-offices.js';

/** The lifecycle of an office; each operation says which states allow it. */
export type OfficeState = 'defined' | 'starting' | 'running' | 'stopping' | 'stopped';

/** Options of `office.start()`: deployment choices, not application code. */
export interface OfficeStartOptions {
  /**
   * The teams file. Default: `--teams FILE` on the command line, else `JOBFLOOR_TEAMS`, else the
   * definition's `teams`, else none (every job inline).
   */
  readonly teams?: TeamsSource;
  /** Where logs go. Default: pino to standard output at `JOBFLOOR_LOG_LEVEL` (default `info`). */
  readonly logger?: Logger;
}

/** Options of `office.stop()`. */
export interface OfficeStopOptions {
  /** How long to let runs in flight finish before cancelling them. Default: 10 000 ms. */
  readonly drainTimeoutMs?: number;
  /**
   * How long cancelled runs get to end; a job that ignores its signal is then abandoned (and
   * logged) so that stop() still returns. Default: 5 000 ms.
   */
  readonly cancelTimeoutMs?: number;
}

/** What `office.trace()` returns: how the run ended and the path it took. */
export interface RunTrace {
  readonly traceId: string;
  readonly outcome: 'completed' | 'failed';
  readonly result?: unknown;
  readonly error?: unknown;
  /** One record per job execution, in the order they ended. */
  readonly records: readonly JobExecutionRecord[];
  readonly checkins: readonly JobCheckin[];
}

/**
 * A Job Based Architecture application: jobs wired by flow graphs, run by teams. Create it with
 * `defineOffice`, `start()` it, `invoke()` its flows, `stop()` it.
 */
export class Office {
  /** The office's events (`job:end`, `job:checkin`, `escalation:unhandled`). */
  readonly events = new EventEmitter<OfficeEventMap>();
  readonly #recordsListened = new ListenerFlag(this.events, 'job:end');
  #state: OfficeState = 'defined';
  #runtime: OfficeRuntime | undefined;
  #stopping: Promise<void> | undefined;
  readonly #metrics = new OfficeMetrics(() => this.#runtime?.teams.values() ?? []);

  constructor(readonly definition: OfficeDefinition) {}

  get state(): OfficeState {
    return this.#state;
  }

  /** The office's Prometheus registry: job run times, queue waits, team load, unhandled escalations. */
  get metrics(): OfficeMetrics['registry'] {
    return this.#metrics.registry;
  }

  /** The team of every job and the rule that decided it (for `jobfloor teams`). */
  get teamAssignments(): ReadonlyMap<string, TeamAssignment> {
    return this.#require('read team assignments').office.assignments;
  }

  /**
   * Reads and checks the jobs, dependencies, flow graphs and teams file, then creates the teams.
   * Throws `OfficeStartupError` listing every problem. Dependencies are created later, lazily.
   */
  async start(options: OfficeStartOptions = {}): Promise<void> {
    if (this.#state !== 'defined' && this.#state !== 'stopped') {
      throw new OfficeStateError('start the office', this.#state, 'Stop it first, or use the running office.');
    }
    this.#state = 'starting';
    try {
      const teams = options.teams ?? teamsFileFromDeployment() ?? this.definition.teams;
      const compiled = compileOffice(this.definition, teams);
      const logger = (options.logger ?? createDefaultLogger()).child({ office: this.definition.name ?? 'office' });
      this.#runtime = new OfficeRuntime(compiled, logger, this.events, this.#recordsListened, this.#metrics, this.definition.dependencyTimeoutMs ?? 30_000);
    } catch (error) {
      this.#state = 'defined';
      throw error;
    }
    this.#state = 'running';
    trackOffice(this);
  }

  /**
   * Runs `flow` with `argument` and resolves with its result: the return value of the node where
   * it ended, or of the office-level handler that took its escalation. Rejects with an escalation
   * that nothing handled, after the default handler logged it.
   */
  invoke(flow: string, argument?: unknown, options: RunOptions = {}): Promise<unknown> {
    try {
      const runtime = this.#require('invoke a flow');
      return runtime.run(this.#startNode(runtime, flow, options.at), argument, options, undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Like `invoke`, but an escalation of the run does not reject: it returns how the run ended with
   * its job records and check-ins. (It rejects only when the run cannot start: an unknown flow or
   * an office that is not running.)
   */
  async trace(flow: string, argument?: unknown, options: RunOptions = {}): Promise<RunTrace> {
    const runtime = this.#require('trace a flow');
    const start = this.#startNode(runtime, flow, options.at);
    const traceId = options.traceId ?? randomUUID();
    const log: RunTraceLog = { records: [], checkins: [] };
    try {
      const result = await runtime.run(start, argument, { ...options, traceId }, log);
      return { traceId, outcome: 'completed', result, ...log };
    } catch (error) {
      return { traceId, outcome: 'failed', error, ...log };
    }
  }

  /**
   * Stops taking new runs, lets runs in flight finish (cancelling those still running after
   * `drainTimeoutMs`), stops the teams and disposes the process-scoped dependencies.
   */
  stop(options: OfficeStopOptions = {}): Promise<void> {
    if (this.#state === 'stopping') return this.#stopping!;
    if (this.#state !== 'running') {
      if (this.#state === 'stopped' || this.#state === 'defined') return Promise.resolve();
      return Promise.reject(new OfficeStateError('stop the office', this.#state, 'Wait for start() to finish.'));
    }
    this.#state = 'stopping';
    this.#stopping = this.#shutDown(this.#runtime!, options);
    return this.#stopping;
  }

  async #shutDown(runtime: OfficeRuntime, options: OfficeStopOptions): Promise<void> {
    try {
      await drain(runtime, options.drainTimeoutMs ?? 10_000, options.cancelTimeoutMs ?? 5_000);
      await runtime.shutDown();
    } finally {
      this.#runtime = undefined;
      this.#stopping = undefined;
      this.#state = 'stopped';
      untrackOffice(this);
    }
  }

  #require(operation: string): OfficeRuntime {
    if (this.#state !== 'running') {
      throw new OfficeStateError(operation, this.#state, this.#state === 'defined' ? 'Call start() first.' : 'Start the office again.');
    }
    return this.#runtime!;
  }

  #startNode(runtime: OfficeRuntime, flowName: string, at: string | undefined): RuntimeNode {
    const flow = runtime.office.flows.get(flowName);
    if (flow === undefined) throw new UnknownFlowError(flowName, [...runtime.office.flows.keys()]);
    const node = at === undefined ? flow.start : flow.nodes.get(at);
    if (node === undefined) throw new UnknownFlowError(flowName, [], at, [...flow.nodes.keys()]);
    return node;
  }
}

/** Lets runs in flight finish, cancels those still running, and abandons those that ignore it. */
async function drain(runtime: OfficeRuntime, drainTimeoutMs: number, cancelTimeoutMs: number): Promise<void> {
  if (await idleWithin(runtime, drainTimeoutMs)) return;
  runtime.cancelAll(new Error(`the office is stopping and the run was still going after ${drainTimeoutMs} ms`));
  if (await idleWithin(runtime, cancelTimeoutMs)) return;
  runtime.logger.warn(
    { runs: runtime.activeRuns },
    `Stopping with ${runtime.activeRuns} run(s) still going ${cancelTimeoutMs} ms after they were cancelled: ` +
      'their jobs ignore their AbortSignal; abandoning them.',
  );
}

async function idleWithin(runtime: OfficeRuntime, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const idle = await Promise.race([runtime.whenIdle().then(() => true), timedOut]);
  clearTimeout(timer);
  return idle;
}

/** Defines an office: its jobs, dependencies, flow graphs and office-level escalation handlers. */
export function defineOffice(definition: OfficeDefinition): Office {
  return new Office(definition);
}
