import { isPromise } from '../dependencies/dependency-container.js';
import type { Team, TeamSlot } from '../teams/team.js';
import type { EngineHost, RuntimeNode } from './engine-host.js';
import { asEscalation, closestHandler, escalationChain } from './escalation.js';
import { FlowCancelledError } from './flow-errors.js';
import type { FlowRun } from './flow-run.js';
import { JobExecution } from './job-execution.js';
import type { JobExecutionRecord } from './job-execution-record.js';
import { Lane } from './lane.js';

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
   * rejects with an escalation that no handler of the run took.
   */
  async run(run: FlowRun, start: RuntimeNode, argument: unknown, team: Team): Promise<unknown> {
    const lane = new Lane(team, undefined);
    try {
      return await this.#runFrame(run, start, argument, lane, false);
    } finally {
      lane.leave();
    }
  }

  /** Runs the node a job's awaited flow method is wired to, as a nested flow of the same run. */
  async callFlow(caller: JobExecution, target: RuntimeNode, argument: unknown): Promise<unknown> {
    const team = caller.lane.team;
    const lane = caller.lane.forCall(team.onMainThread ? team : this.host.defaultTeam);
    try {
      return await this.#runFrame(caller.run, target, argument, lane, true);
    } finally {
      lane.leave();
    }
  }

  /** Where an unhandled escalation was first thrown. */
  originOf(error: unknown): EscalationOrigin | undefined {
    return typeof error === 'object' && error !== null ? this.#origins.get(error) : undefined;
  }

  /**
   * One frame: the top of a run, a sub-flow, or a called flow. A called flow's escalations are
   * matched at its nodes only, then reject the awaiting job's call, which may catch them.
   */
  async #runFrame(run: FlowRun, start: RuntimeNode, argument: unknown, lane: Lane, isCall: boolean): Promise<unknown> {
    let node = start;
    let value = argument;
    for (;;) {
      try {
        if (run.cancelled) throw new FlowCancelledError(node.flow.name, node.name, run.traceId, run.cancelReason);
        if (node.subflow !== undefined) {
          value = await this.#runFrame(run, node.subflow.start!, value, lane, false);
        } else {
          const execution = new JobExecution(this, run, node, value, lane);
          const result = this.#execute(execution);
          value = isPromise(result) ? await result : result;
          if (execution.goto !== undefined) {
            node = execution.goto.target;
            value = execution.goto.argument;
            continue;
          }
        }
        if (node.next === undefined) return value;
        node = node.next;
      } catch (thrown) {
        value = this.#escalate(run, node, thrown);
        node = this.#handlerFor(node, value, isCall);
      }
    }
  }

  /** The handler node for an escalation thrown at `node`, or rethrows it to the level above. */
  #handlerFor(node: RuntimeNode, error: unknown, isCall: boolean): RuntimeNode {
    const chain = escalationChain(error);
    const atNode = closestHandler(node.escalations, chain);
    // A handler never handles what it throws itself: that goes up a level.
    if (atNode !== undefined && atNode !== node) return atNode;
    if (!isCall) {
      const atFlow = closestHandler(node.flow.escalations, chain);
      if (atFlow !== undefined && atFlow !== node) return atFlow;
    }
    throw error;
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

  #execute(execution: JobExecution): unknown {
    const { at, lane } = execution;
    const team = at.team ?? lane.team;
    const slot = lane.enter(team, execution);
    if (!isPromise(slot)) return this.#runOnSlot(execution, team, slot, undefined);
    const queuedAt = performance.now();
    return slot.then((admitted) => this.#runOnSlot(execution, team, admitted, queuedAt));
  }

  #runOnSlot(execution: JobExecution, team: Team, slot: TeamSlot, queuedAt: number | undefined): unknown {
    execution.team = team.name;
    let result: unknown;
    try {
      result = slot.run(execution);
    } catch (error) {
      this.#record(execution, queuedAt, true, error);
      throw error;
    }
    if (!isPromise(result)) {
      this.#record(execution, queuedAt, false, undefined);
      return result;
    }
    return result.then(
      (value) => {
        this.#record(execution, queuedAt, false, undefined);
        return value;
      },
      (error: unknown) => {
        this.#record(execution, queuedAt, true, error);
        throw error;
      },
    );
  }

  #record(execution: JobExecution, queuedAt: number | undefined, failed: boolean, error: unknown): void {
    const endedAt = performance.now();
    const startedAt = execution.startedAt === 0 ? endedAt : execution.startedAt;
    const record: JobExecutionRecord = {
      traceId: execution.traceId,
      flow: execution.flow,
      node: execution.node,
      job: execution.job,
      team: execution.team,
      queueWaitMs: queuedAt === undefined ? 0 : startedAt - queuedAt,
      runTimeMs: endedAt - startedAt,
      outcome: failed ? 'escalated' : 'completed',
      startedAt: performance.timeOrigin + startedAt,
      ...(execution.goto !== undefined && { goto: execution.goto.method }),
      ...(failed && { escalation: escalationChain(asEscalation(error))[0] ?? 'Error' }),
    };
    this.host.recordJob(record, execution.run);
  }
}
