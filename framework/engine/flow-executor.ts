// Imported rather than the global, whose lazy getter costs a call on every read (Node 20).
import { performance } from 'node:perf_hooks';
import { isPromise } from '../dependencies/dependency-container.js';
import type { Team } from '../teams/team.js';
import type { EngineHost, RuntimeNode } from './engine-host.js';
import { asEscalation, escalationChain, handlerInFlow } from './escalation.js';
import { FlowCancelledError } from './flow-errors.js';
import type { FlowRun } from './flow-run.js';
import { JobExecution } from './job-execution.js';
import { Lane } from './lane.js';

/** The frames of a run: its top, a sub-flow node's flow, and a flow a job called. */
type FrameKind = 'run' | 'subflow' | 'call';

/** Where an escalation came from, for the default handler's log. */
export interface EscalationOrigin {
  readonly flow: string;
  readonly node: string;
  readonly job: string | undefined;
}

/**
 * Executes flows: each node's job on its team, its result to next, gotos instead of next, called
 * flows nested, and escalations to the closest handler at the node, then the flow, then the
 * parent flows (a sub-flow's escalation leaves it through its node in the parent).
 */
export class FlowExecutor {
  readonly #origins = new WeakMap<object, EscalationOrigin>();

  constructor(readonly host: EngineHost) {}

  /**
   * Runs a flow run from `start` until a node with no next. Resolves with that node's result;
   * rejects with an escalation that no handler of the run took. The lane (see `laneFor`) stays
   * the caller's to leave, after the run's flow-scoped dependencies are disposed: a team that
   * bounds database work then bounds the commit too.
   */
  run(run: FlowRun, start: RuntimeNode, argument: unknown, lane: Lane): Promise<unknown> {
    return this.#runFrame(run, start, argument, lane, 'run');
  }

  /** A lane for a new run whose first job, unless assigned, runs on `team`. */
  laneFor(team: Team): Lane {
    const lane = new Lane(team, undefined);
    lane.clock = performance.now();
    return lane;
  }

  /** Runs the node a job's awaited flow method is wired to, as a nested flow of the same run. */
  callFlow(caller: JobExecution, target: RuntimeNode, argument: unknown): Promise<unknown> {
    const team = caller.lane.team;
    const lane = caller.lane.forCall(team.onMainThread ? team : this.host.defaultTeam);
    return this.#runFrame(caller.run, target, argument, lane, 'call');
  }

  /** Where an unhandled escalation was first thrown. */
  originOf(error: unknown): EscalationOrigin | undefined {
    return typeof error === 'object' && error !== null ? this.#origins.get(error) : undefined;
  }

  /**
   * One frame: the top of a run, a sub-flow, or a called flow. A sub-flow continues on its
   * parent's lane; a called flow owns its lane and leaves it when it ends. A called flow's
   * escalations are matched at its nodes only, then reject the awaiting job's call.
   */
  async #runFrame(run: FlowRun, start: RuntimeNode, argument: unknown, lane: Lane, frame: FrameKind): Promise<unknown> {
    const isCall = frame === 'call';
    let node = start;
    let value = argument;
    try {
      for (;;) {
        let execution: JobExecution | undefined;
        try {
          if (run.cancelled) throw new FlowCancelledError(node.flow.name, node.name, run.traceId, run.cancelReason);
          if (node.subflow !== undefined) {
            value = await this.#runFrame(run, node.subflow.start!, value, lane, 'subflow');
          } else {
            execution = new JobExecution(this, run, node, value, lane);
            const result = this.#start(execution);
            value = isPromise(result) ? await result : result;
            const finished = execution.finish();
            if (finished !== undefined) await finished;
            this.#record(execution, false, undefined);
            if (execution.goto !== undefined) {
              node = execution.goto.target;
              value = execution.goto.argument;
              continue;
            }
          }
          if (node.next === undefined) return value;
          node = node.next;
        } catch (thrown) {
          if (execution !== undefined && execution.startedAt !== 0) await this.#jobFailed(execution, thrown);
          value = this.#escalate(run, node, thrown);
          node = this.#handlerFor(node, value, isCall);
        }
      }
    } finally {
      if (frame === 'call') lane.leave();
    }
  }

  /**
   * Takes a slot on the job's team and starts the job with it. A job without a team of its own
   * continues on the previous job's team when that team runs on this thread; after a worker
   * thread's job it runs on the default team, since its argument is already back here.
   */
  #start(execution: JobExecution): unknown {
    const { at, lane } = execution;
    const team = at.team ?? (lane.team.onMainThread ? lane.team : this.host.defaultTeam);
    const slot = lane.enter(team, execution);
    execution.team = team.name;
    if (isPromise(slot)) {
      execution.queuedAt = performance.now();
      return slot.then((admitted) => admitted.run(execution));
    }
    execution.queuedAt = lane.clock || performance.now();
    // A team on another thread says when the job starts there (markStarted).
    if (team.onMainThread) execution.startedAt = execution.queuedAt;
    return slot.run(execution);
  }

  async #jobFailed(execution: JobExecution, error: unknown): Promise<void> {
    this.#record(execution, true, error);
    await execution.abandon(error);
  }

  #record(execution: JobExecution, failed: boolean, error: unknown): void {
    execution.endedAt = execution.lane.clock = performance.now();
    this.host.recordJob(execution, failed, error);
  }

  /** The handler node for an escalation thrown at `node`, or rethrows it to the level above. */
  #handlerFor(node: RuntimeNode, error: unknown, isCall: boolean): RuntimeNode {
    const handler = handlerInFlow(node, escalationChain(error), isCall);
    if (handler === undefined) throw error;
    return handler;
  }

  /** Normalises a thrown value; in a cancelled run every escalation becomes its cancellation. */
  #escalate(run: FlowRun, node: RuntimeNode, thrown: unknown): unknown {
    let error = asEscalation(thrown);
    if (run.cancelled && !(error instanceof FlowCancelledError)) {
      error = new FlowCancelledError(node.flow.name, node.name, run.traceId, run.cancelReason);
    }
    if (typeof error === 'object' && error !== null && !this.#origins.has(error)) {
      this.#origins.set(error, { flow: node.flow.name, node: node.name, job: node.job?.name });
    }
    // Nothing of a cancelled run may run, its handlers included.
    if (error instanceof FlowCancelledError) throw error;
    return error;
  }
}
