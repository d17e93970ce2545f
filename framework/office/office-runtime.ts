import type { EventEmitter } from 'node:events';
import { DependencyContainer, isPromise } from '../dependencies/dependency-container.js';
import type { DisposeOutcome } from '../dependencies/provide.js';
import type { EngineHost, RuntimeNode } from '../engine/engine-host.js';
import { closestHandler, escalationChain } from '../engine/escalation.js';
import { FlowExecutor } from '../engine/flow-executor.js';
import { FlowRun, type RunTraceLog } from '../engine/flow-run.js';
import { RunGroup } from '../engine/run-group.js';
import type { JobExecution } from '../engine/job-execution.js';
import { jobExecutionRecord, type JobCheckin } from '../engine/job-execution-record.js';
import type { Logger } from '../logging/logger.js';
import { InlineTeam } from '../teams/inline-team.js';
import { createTeam } from '../teams/team-factory.js';
import { INLINE_TEAM } from '../teams/team-assignment.js';
import type { Team } from '../teams/team.js';
import type { CompiledOffice } from './office-compiler.js';
import type { ListenerFlag, OfficeEventMap } from './office-events.js';
import type { OfficeMetrics } from './office-metrics.js';

/** Options of one flow run. */
export interface RunOptions {
  /** Start at this node instead of the flow's start (durable continuations resume there). */
  readonly at?: string;
  /** Cancels the run: no further job starts and `FlowCancelledError` escalates. */
  readonly signal?: AbortSignal;
  /** The trace id of the run's logs and records. Default: a random UUID. */
  readonly traceId?: string;
}

/**
 * A started office: its teams, this thread's process-scoped dependencies, the runs in flight,
 * and where records and escalations go. One per `start()`.
 */
export class OfficeRuntime implements EngineHost {
  readonly processScope: DependencyContainer;
  readonly defaultTeam: Team = new InlineTeam(INLINE_TEAM);
  readonly teams = new Map<string, Team>([[INLINE_TEAM, this.defaultTeam]]);
  readonly executor = new FlowExecutor(this);
  readonly #runs = new RunGroup();

  constructor(
    readonly office: CompiledOffice,
    readonly logger: Logger,
    readonly events: EventEmitter<OfficeEventMap>,
    readonly recordsListened: ListenerFlag,
    readonly metrics: OfficeMetrics,
    dependencyTimeoutMs: number,
  ) {
    this.processScope = new DependencyContainer('process', undefined, office.graph, dependencyTimeoutMs);
    const context = { officeModule: office.officeModule, logLevel: logger.level };
    for (const [name, definition] of Object.entries(office.teams?.config.teams ?? {})) this.teams.set(name, createTeam(name, definition, context));
    this.#assignNodeTeams();
  }

  /** Runs `start` with `argument` as a new flow run; resolves with the flow's result. */
  run(start: RuntimeNode, argument: unknown, options: RunOptions, trace: RunTraceLog | undefined): Promise<unknown> {
    const run = new FlowRun(this.#runs, this.processScope, options.traceId, trace, options.signal);
    return this.#execute(run, start, argument, this.defaultTeam, false);
  }

  spawn(node: RuntimeNode, argument: unknown, team: Team, traceId: string): void {
    const run = new FlowRun(this.#runs, this.processScope, traceId, undefined, undefined);
    // Its unhandled escalations are logged by the default handler; nobody awaits a spawn.
    this.#execute(run, node, argument, team, false).catch(() => {});
  }

  recordJob(execution: JobExecution, failed: boolean, error: unknown): void {
    const { startedAt } = execution;
    this.metrics.observe(execution.at, execution.team, failed, execution.endedAt - startedAt, startedAt - execution.queuedAt);
    const { trace } = execution.run;
    // The record is built only for someone who reads it: a traced run or a listener.
    if (trace === undefined && !this.recordsListened.listened) return;
    const record = jobExecutionRecord(execution, failed, error);
    trace?.records.push(record);
    this.#emit('job:end', record);
  }

  recordCheckin(checkin: JobCheckin, run: FlowRun): void {
    run.trace?.checkins.push(checkin);
    this.#emit('job:checkin', checkin);
  }

  /** How many runs are in flight. */
  get activeRuns(): number {
    return this.#runs.active;
  }

  /** Resolves when no run is in flight. */
  whenIdle(): Promise<void> {
    return this.#runs.whenIdle();
  }

  /** Cancels every run in flight. */
  cancelAll(reason: unknown): void {
    this.#runs.cancelAll(reason);
  }

  /** Stops the teams and disposes the process-scoped dependencies. */
  async shutDown(): Promise<void> {
    await Promise.all([...this.teams.values()].map((team) => team.stop()));
    for (const failure of await this.processScope.dispose({ succeeded: true })) {
      this.logger.error({ err: failure }, failure.message);
    }
  }

  async #execute(run: FlowRun, start: RuntimeNode, argument: unknown, team: Team, isOfficeHandler: boolean): Promise<unknown> {
    const lane = this.executor.laneFor(team);
    try {
      let result: unknown;
      try {
        result = await this.executor.run(run, start, argument, lane);
      } catch (error) {
        await this.#end(run, { succeeded: false, error });
        lane.leave();
        return await this.#unhandled(run, start, error, isOfficeHandler);
      }
      const ended = this.#end(run, { succeeded: true });
      const failures = isPromise(ended) ? await ended : ended;
      lane.leave();
      if (failures[0] !== undefined) return await this.#unhandled(run, start, failures[0], isOfficeHandler);
      return result;
    } finally {
      lane.leave();
      run.leaveGroup();
    }
  }

  /** Ends a run; returns the disposal failures that fail it (only for a run that succeeded). */
  #end(run: FlowRun, outcome: DisposeOutcome): readonly Error[] | Promise<readonly Error[]> {
    const ended = run.end(outcome);
    if (outcome.succeeded) return ended;
    // When the run failed anyway, disposal failures are secondary: log them, keep the escalation.
    const logFailures = (failures: readonly Error[]): readonly Error[] => {
      for (const failure of failures) this.logger.error({ err: failure, traceId: run.traceId }, failure.message);
      return [];
    };
    return isPromise(ended) ? ended.then(logFailures) : logFailures(ended);
  }

  /**
   * An escalation left the run: an office-level handler takes it in a new run (whose result
   * becomes the invocation's), else the default handler logs it and the invocation rejects.
   */
  async #unhandled(run: FlowRun, start: RuntimeNode, error: unknown, isOfficeHandler: boolean): Promise<unknown> {
    const handler = isOfficeHandler ? undefined : closestHandler(this.office.escalations, escalationChain(error));
    if (handler !== undefined) {
      const handlerRun = new FlowRun(this.#runs, this.processScope, run.traceId, run.trace, undefined);
      return this.#execute(handlerRun, handler, error, this.defaultTeam, true);
    }
    const origin = this.executor.originOf(error);
    this.metrics.unhandled(origin?.flow ?? start.flow.name);
    this.logger.error({ err: error, traceId: run.traceId, ...origin }, `Unhandled escalation: ${describe(error)}`);
    this.#emit('escalation:unhandled', { error, traceId: run.traceId, origin });
    throw error;
  }

  /** Emits an event; a listener that throws is logged and cannot fail the run that emitted. */
  #emit<E extends keyof OfficeEventMap>(event: E, ...payload: OfficeEventMap[E]): void {
    try {
      (this.events.emit as (event: E, ...payload: OfficeEventMap[E]) => boolean)(event, ...payload);
    } catch (error) {
      this.logger.error({ err: error, event }, `A listener of '${event}' threw: ${describe(error)}`);
    }
  }

  #assignNodeTeams(): void {
    for (const flow of this.office.flows.values()) {
      for (const node of flow.nodes.values()) {
        const team = node.job === undefined ? undefined : this.office.assignments.get(node.job.name)?.team;
        node.team = team === undefined ? undefined : this.teams.get(team);
      }
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${escalationChain(error)[0] ?? error.name}: ${error.message}`;
}
