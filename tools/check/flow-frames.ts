import type { CompiledFlow, CompiledNode } from '../../framework/flows/flow-plan.js';
import type { CatalogueJob, CatalogueParameter } from '../catalogue/catalogue-model.js';
import { flowMethod, nextValue, unionOf, type ValueTypes } from './value-types.js';

/** A node of a flow compiled with catalogue jobs. */
export type CheckNode = CompiledNode<CatalogueJob>;
/** A flow compiled with catalogue jobs. */
export type CheckFlow = CompiledFlow<CatalogueJob>;

/** How a node uses one of its flow links. */
export type LinkUse = 'goto' | 'call' | 'spawn';

/** A link marked `spawn` in the graph is a spawn; otherwise the job's interface says goto or call. */
export function linkUse(node: CheckNode, method: string): LinkUse {
  if (node.links.get(method)?.spawn === true) return 'spawn';
  return flowMethod(node, method)?.use ?? 'goto';
}

/**
 * The nodes one frame runs from `entry` (the engine's frames: a run, a sub-flow, a called flow):
 * along next, gotos and escalation handlers. A called flow's escalations are matched at its nodes
 * only (`handlerInFlow`), so its flow-level handlers are not part of it.
 */
export function frameNodes(entry: CheckNode, isCall: boolean): Set<CheckNode> {
  const reached = new Set<CheckNode>();
  const visit = (node: CheckNode | undefined): void => {
    if (node === undefined || reached.has(node)) return;
    reached.add(node);
    visit(node.next);
    for (const link of node.links.values()) if (linkUse(node, link.method) === 'goto') visit(link.target);
    for (const handler of node.escalations?.values() ?? []) visit(handler);
    if (!isCall) for (const handler of node.flow.escalations?.values() ?? []) visit(handler);
  };
  visit(entry);
  return reached;
}

/** Where a frame can end, and with what: a node without next passes its value out. */
export interface FrameEnd {
  readonly node: CheckNode;
  readonly value: ValueTypes;
}

/** The ends of the frame entered at `entry`; a sub-flow node ends with its sub-flow's ends. */
export function frameEnds(entry: CheckNode, isCall: boolean, inside: ReadonlySet<CheckFlow> = new Set()): FrameEnd[] {
  const ends: FrameEnd[] = [];
  for (const node of frameNodes(entry, isCall)) {
    if (node.next !== undefined) continue;
    if (node.job !== undefined) ends.push({ node, value: nextValue(node) });
    const subflow = node.subflow;
    if (subflow?.start !== undefined && !inside.has(subflow)) ends.push(...frameEnds(subflow.start, false, new Set([...inside, subflow])));
  }
  return ends;
}

/** What a node passes to its next: its job's result, or what its sub-flow ends with. */
export function valueOut(node: CheckNode): ValueTypes | undefined {
  if (node.job !== undefined) return nextValue(node);
  const start = node.subflow?.start;
  if (start === undefined) return undefined;
  const ends = frameEnds(start, false, new Set([node.subflow!]));
  return ends.length === 0 ? undefined : unionOf(ends.map((end) => end.value));
}

/** The job whose `@param` receives what is passed to `node`: its own, or its sub-flow's first job. */
export function receiver(node: CheckNode, inside: ReadonlySet<CheckFlow> = new Set()): { job: CatalogueJob; param: CatalogueParameter } | undefined {
  if (node.job !== undefined) return node.job.param === undefined ? undefined : { job: node.job, param: node.job.param };
  const subflow = node.subflow;
  if (subflow?.start === undefined || inside.has(subflow)) return undefined;
  return receiver(subflow.start, new Set([...inside, subflow]));
}
