import { closestHandler, handlerInFlow } from '../../framework/engine/escalation.js';
import { frameNodes, linkUse, type CheckFlow, type CheckNode } from './flow-frames.js';

/**
 * Follows an escalation the way the engine routes it (framework/engine/escalation.ts): the closest
 * class at the throwing node, then its flow; out of a sub-flow through its node in the parent flow;
 * out of a called flow into the job that awaits it; finally the office's handlers.
 */
export class EscalationRoutes {
  readonly #runNodes = new Set<CheckNode>();
  readonly #callers = new Map<CheckNode, CheckNode[]>();
  readonly #parents = new Map<CheckFlow, CheckNode[]>();

  constructor(
    flows: Iterable<CheckFlow>,
    /** Every node where a run (not a called flow) can begin, per flow. */
    runEntries: (flow: CheckFlow) => Iterable<CheckNode>,
    readonly officeHandlers: ReadonlyMap<string, CheckNode>,
  ) {
    for (const flow of flows) this.#index(flow, runEntries(flow));
  }

  /** True when some handler takes an escalation with class chain `chain` thrown at `node`. */
  isHandled(node: CheckNode, chain: readonly string[]): boolean {
    return this.#handled(node, chain, new Set());
  }

  /** The flows that run `flow` as a sub-flow, through these nodes. */
  parentsOf(flow: CheckFlow): readonly CheckNode[] {
    return this.#parents.get(flow) ?? [];
  }

  #handled(node: CheckNode, chain: readonly string[], seen: Set<CheckNode>): boolean {
    if (seen.has(node)) return true; // a cycle of sub-flows or calls never ends; nothing to route
    seen.add(node);
    const callOnly = !this.#runNodes.has(node) && this.#callers.has(node);
    if (handlerInFlow(node, chain, callOnly) !== undefined) return true;
    if (closestHandler(this.officeHandlers, chain) !== undefined) return true;
    // Rejecting the await: the calling job may catch it, but unless it does the escalation goes on from there.
    const nextLevel = callOnly ? this.#callers.get(node)! : this.parentsOf(node.flow);
    return nextLevel.length > 0 && nextLevel.every((outer) => this.#handled(outer, chain, new Set(seen)));
  }

  #index(flow: CheckFlow, entries: Iterable<CheckNode>): void {
    for (const entry of entries) for (const node of frameNodes(entry, false)) this.#runNodes.add(node);
    for (const node of flow.nodes.values()) {
      if (node.subflow !== undefined) this.#parents.set(node.subflow, [...this.parentsOf(node.subflow), node]);
      for (const link of node.links.values()) {
        const use = linkUse(node, link.method);
        if (use === 'spawn') for (const spawned of frameNodes(link.target, false)) this.#runNodes.add(spawned);
        if (use !== 'call') continue;
        for (const called of frameNodes(link.target, true)) this.#callers.set(called, [...(this.#callers.get(called) ?? []), node]);
      }
    }
  }
}
