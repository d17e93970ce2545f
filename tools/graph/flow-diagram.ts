import type { FlowGraph } from '../../framework/flows/flow-graph-schema.js';
import type { OfficeEscalationTarget } from '../../framework/office/office-definition.js';
import type { TeamAssignment } from '../../framework/teams/team-assignment.js';
import type { CatalogueJob } from '../catalogue/catalogue-model.js';

/** The kinds of edge a flow diagram draws, each in its own style (see edge-styles.ts). */
export type EdgeKind = 'next' | 'goto' | 'call' | 'spawn' | 'escalation' | 'start';

/** A box of the diagram: a node of the flow, or a marker (the start, an entry, "any node"). */
export interface DiagramNode {
  readonly id: string;
  readonly kind: 'job' | 'subflow' | 'start' | 'entry' | 'any' | 'office';
  /** The node's name in the graph (empty for markers). */
  readonly name: string;
  /** Lines of text: the node name, the job (or sub-flow), the team. */
  readonly lines: readonly string[];
}

export interface DiagramEdge {
  readonly id: string;
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  /** The flow method or error class, when the edge has one. */
  readonly label: string | undefined;
}

/** A flow graph as boxes and typed edges, ready to lay out and render. */
export interface FlowDiagram {
  readonly flow: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** What the diagram shows of the office: each job's catalogue entry and team. */
export interface DiagramContext {
  readonly jobs: ReadonlyMap<string, CatalogueJob>;
  /** Undefined: the office has no teams file, so every job runs inline. */
  readonly assignments: ReadonlyMap<string, TeamAssignment> | undefined;
  /** The office-level escalation handlers (`defineOffice({ escalations })`); those aimed at this flow are drawn. */
  readonly officeEscalations: Readonly<Record<string, OfficeEscalationTarget>>;
}

/**
 * Builds the diagram of a flow graph: a box per node labelled with its job (or sub-flow) and team,
 * an edge per `next`, flow link (goto, call or spawn: a link marked spawn is one; otherwise the
 * job's interface says whether the method is awaited) and escalation, the start marked. Flow-level
 * escalations leave from a box standing for "any node", the office's handlers aimed at the flow
 * from a box for the office. Drawn from the JSON, so a graph that `jobfloor check` refuses still draws.
 */
export function flowDiagram(graph: FlowGraph, context: DiagramContext): FlowDiagram {
  const nodes: DiagramNode[] = [{ id: 'start', kind: 'start', name: '', lines: ['start'] }];
  const edges: DiagramEdge[] = [edge('start', 'start', nodeId(graph.start), undefined)];
  (graph.entries ?? []).forEach((entry, index) => {
    nodes.push({ id: `entry-${index}`, kind: 'entry', name: '', lines: ['entry'] });
    edges.push(edge('start', `entry-${index}`, nodeId(entry), undefined));
  });
  for (const [name, node] of Object.entries(graph.nodes)) {
    nodes.push(diagramNode(name, node, context));
    edges.push(...nodeEdges(name, node, context));
  }
  const flowEscalations = Object.entries(graph.escalations ?? {});
  if (flowEscalations.length > 0) {
    nodes.push({ id: 'any', kind: 'any', name: '', lines: ['any node', `of ${graph.name}`] });
    for (const [errorClass, handler] of flowEscalations) edges.push(edge('escalation', 'any', nodeId(handler), errorClass));
  }
  const officeHandled = Object.entries(context.officeEscalations).flatMap(([errorClass, target]) => {
    const { flow, at } = typeof target === 'string' ? { flow: target, at: undefined } : target;
    return flow === graph.name ? [edge('escalation', 'office', nodeId(at ?? graph.start), errorClass)] : [];
  });
  if (officeHandled.length > 0) {
    nodes.push({ id: 'office', kind: 'office', name: '', lines: ['the office', '(office escalations)'] });
    edges.push(...officeHandled);
  }
  return { flow: graph.name, nodes, edges: edges.filter((candidate) => nodes.some((node) => node.id === candidate.to)) };
}

function diagramNode(name: string, node: FlowGraph['nodes'][string], context: DiagramContext): DiagramNode {
  if (node.flow !== undefined) return { id: nodeId(name), kind: 'subflow', name, lines: [name, `flow ${node.flow}`] };
  const job = node.job ?? '';
  return { id: nodeId(name), kind: 'job', name, lines: [name, job, `team: ${teamOf(job, context)}`] };
}

function nodeEdges(name: string, node: FlowGraph['nodes'][string], context: DiagramContext): DiagramEdge[] {
  const from = nodeId(name);
  const job = node.job === undefined ? undefined : context.jobs.get(node.job);
  const links = Object.entries(node.flows ?? {}).map(([method, link]) => {
    const to = typeof link === 'string' ? link : link.to;
    const spawn = typeof link !== 'string' && link.spawn;
    const use = job?.flows?.methods.find((candidate) => candidate.name === method)?.use ?? 'goto';
    return edge(spawn ? 'spawn' : use, from, nodeId(to), method);
  });
  const escalations = Object.entries(node.escalations ?? {}).map(([errorClass, handler]) => edge('escalation', from, nodeId(handler), errorClass));
  return [...(node.next === undefined ? [] : [edge('next', from, nodeId(node.next), undefined)]), ...links, ...escalations];
}

/** The team a job runs on, as the teams file decides it. */
function teamOf(job: string, context: DiagramContext): string {
  if (context.assignments === undefined) return 'inline';
  const assignment = context.assignments.get(job);
  return assignment?.team ?? 'inherited';
}

function edge(kind: EdgeKind, from: string, to: string, label: string | undefined): DiagramEdge {
  return { id: `${kind}:${from}:${to}:${label ?? ''}`, kind, from, to, label };
}

/** Node ids are prefixed so that a node named `start` or `any` cannot meet a marker. */
export function nodeId(name: string): string {
  return `node:${name}`;
}
