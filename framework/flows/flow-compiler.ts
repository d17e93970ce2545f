import { didYouMean } from '../config/suggest.js';
import { pointer, type IssueCollector } from '../errors/configuration-issue.js';
import type { LoadedFlowGraph } from './flow-files.js';
import type { FlowGraph, FlowGraphNode } from './flow-graph-schema.js';
import type { CompiledFlow, CompiledNode, EscalationTable, FlowLink, PlannableJob } from './flow-plan.js';

/**
 * Compiles validated flow graphs into linked nodes. Every reference is checked, and each problem
 * is reported with its file and JSON pointer: unknown jobs, nodes and sub-flows, flow methods the
 * job does not declare, and declared flow methods the node leaves unwired.
 */
export function compileFlows<J extends PlannableJob>(
  graphs: readonly LoadedFlowGraph[],
  jobs: ReadonlyMap<string, J>,
  issues: IssueCollector,
): Map<string, CompiledFlow<J>> {
  const flows = new Map<string, CompiledFlow<J>>();
  const compiled: Array<[LoadedFlowGraph, CompiledFlow<J>]> = [];
  for (const loaded of graphs) {
    const existing = flows.get(loaded.graph.name);
    if (existing !== undefined) {
      reportDuplicateFlow(loaded, existing, issues);
      continue;
    }
    const flow = createFlow(loaded, jobs, issues);
    flows.set(flow.name, flow);
    compiled.push([loaded, flow]);
  }
  for (const [loaded, flow] of compiled) new FlowLinker(loaded, flow, flows, issues).link();
  return flows;
}

function createFlow<J extends PlannableJob>(
  { file, graph }: LoadedFlowGraph,
  jobs: ReadonlyMap<string, J>,
  issues: IssueCollector,
): CompiledFlow<J> {
  const nodes = new Map<string, CompiledNode<J>>();
  const flow: CompiledFlow<J> = { name: graph.name, file, nodes, start: undefined, escalations: undefined };
  for (const [name, node] of Object.entries(graph.nodes)) {
    const job = node.job === undefined ? undefined : jobs.get(node.job);
    if (node.job !== undefined && job === undefined) {
      issues.add({
        code: 'JOBFLOOR_FLOW_UNKNOWN_JOB',
        location: `${file}#${pointer('nodes', name, 'job')}`,
        message: `Node '${name}' of flow '${graph.name}' runs job '${node.job}', which the office does not have.${didYouMean(node.job, jobs.keys())}`,
        fix: 'Name a job of one of the office\'s job classes (ClassName.method), or add its class to defineOffice({ jobs }).',
      });
    }
    const location = `${file}#${pointer('nodes', name)}`;
    nodes.set(name, { name, flow, location, job, subflow: undefined, next: undefined, links: new Map(), escalations: undefined, team: undefined });
  }
  return flow;
}

/** Resolves the names in one flow graph to compiled nodes. */
class FlowLinker<J extends PlannableJob> {
  readonly #graph: FlowGraph;
  readonly #file: string;

  constructor(
    loaded: LoadedFlowGraph,
    readonly flow: CompiledFlow<J>,
    readonly flows: ReadonlyMap<string, CompiledFlow<J>>,
    readonly issues: IssueCollector,
  ) {
    this.#graph = loaded.graph;
    this.#file = loaded.file;
  }

  link(): void {
    this.flow.start = this.#node(this.#graph.start, ['start'], 'starts at');
    (this.#graph.entries ?? []).forEach((entry, index) => this.#node(entry, ['entries', String(index)], 'lists as an entry'));
    this.flow.escalations = this.#escalations(this.#graph.escalations, ['escalations']);
    for (const [name, node] of Object.entries(this.#graph.nodes)) this.#linkNode(this.flow.nodes.get(name)!, node);
  }

  #linkNode(compiled: CompiledNode<J>, node: FlowGraphNode): void {
    const at = ['nodes', compiled.name];
    if (node.next !== undefined) compiled.next = this.#node(node.next, [...at, 'next'], `node '${compiled.name}' goes next to`);
    if (node.flow !== undefined) compiled.subflow = this.#subflow(node.flow, [...at, 'flow'], compiled.name);
    compiled.escalations = this.#escalations(node.escalations, [...at, 'escalations']);
    if (compiled.job !== undefined) this.#linkFlowMethods(compiled, compiled.job, node.flows ?? {});
  }

  #linkFlowMethods(compiled: CompiledNode<J>, job: J, wired: NonNullable<FlowGraphNode['flows']>): void {
    const at = ['nodes', compiled.name, 'flows'];
    for (const [method, link] of Object.entries(wired)) {
      const to = typeof link === 'string' ? link : link.to;
      const path = typeof link === 'string' ? [...at, method] : [...at, method, 'to'];
      const target = this.#node(to, path, `flow method '${method}' of node '${compiled.name}' goes to`);
      if (!job.flowMethods.includes(method)) this.#reportUnknownMethod(compiled, job, method);
      else if (target !== undefined) {
        const flowLink: FlowLink<J> = { method, target, spawn: typeof link === 'string' ? false : link.spawn };
        compiled.links.set(method, flowLink);
      }
    }
    for (const method of job.flowMethods) {
      if (!(method in wired)) this.#reportUnwiredMethod(compiled, job, method);
    }
  }

  #node(name: string, path: readonly string[], role: string): CompiledNode<J> | undefined {
    const node = this.flow.nodes.get(name);
    if (node === undefined) {
      this.issues.add({
        code: 'JOBFLOOR_FLOW_UNKNOWN_NODE',
        location: this.#location(path),
        message: `Flow '${this.flow.name}' ${role} node '${name}', which the flow does not have.${didYouMean(name, this.flow.nodes.keys())}`,
        fix: `Name one of the flow's nodes (${[...this.flow.nodes.keys()].join(', ')}), or add a node '${name}'.`,
      });
    }
    return node;
  }

  #subflow(name: string, path: readonly string[], nodeName: string): CompiledFlow<J> | undefined {
    const subflow = this.flows.get(name);
    if (subflow === undefined) {
      this.issues.add({
        code: 'JOBFLOOR_FLOW_UNKNOWN_FLOW',
        location: this.#location(path),
        message: `Node '${nodeName}' of flow '${this.flow.name}' runs sub-flow '${name}', which does not exist.${didYouMean(name, this.flows.keys())}`,
        fix: 'Name a flow by its "name" field, and make sure its file is among the office\'s flows.',
      });
    }
    return subflow;
  }

  #escalations(table: Record<string, string> | undefined, path: readonly string[]): EscalationTable<J> | undefined {
    if (table === undefined || Object.keys(table).length === 0) return undefined;
    const resolved = new Map<string, CompiledNode<J>>();
    for (const [errorClass, handler] of Object.entries(table)) {
      const node = this.#node(handler, [...path, errorClass], `handles escalation '${errorClass}' at`);
      if (node !== undefined) resolved.set(errorClass, node);
    }
    return resolved;
  }

  #reportUnknownMethod(compiled: CompiledNode<J>, job: J, method: string): void {
    const declared = job.flowMethods.length === 0 ? 'declares no flow methods' : `declares ${job.flowMethods.map((m) => `'${m}'`).join(', ')}`;
    this.issues.add({
      code: 'JOBFLOOR_FLOW_UNKNOWN_FLOW_METHOD',
      location: this.#location(['nodes', compiled.name, 'flows', method]),
      message: `Node '${compiled.name}' wires flow method '${method}', but job '${job.name}' ${declared}.${didYouMean(method, job.flowMethods)}`,
      fix: `Wire only the job's flow methods, or add '${method}' to its flow interface and @flows() list.`,
    });
  }

  #reportUnwiredMethod(compiled: CompiledNode<J>, job: J, method: string): void {
    this.issues.add({
      code: 'JOBFLOOR_FLOW_UNWIRED_FLOW_METHOD',
      location: this.#location(['nodes', compiled.name, 'flows']),
      message: `Node '${compiled.name}' does not wire flow method '${method}' of job '${job.name}'; the job could take it with nowhere to go.`,
      fix: `Add "flows": { "${method}": "<node>" } to node '${compiled.name}'.`,
    });
  }

  #location(path: readonly string[]): string {
    return `${this.#file}#${pointer(...path)}`;
  }
}

function reportDuplicateFlow(loaded: LoadedFlowGraph, existing: CompiledFlow, issues: IssueCollector): void {
  issues.add({
    code: 'JOBFLOOR_FLOW_DUPLICATE_NAME',
    location: `${loaded.file}#/name`,
    message: `Flow name '${loaded.graph.name}' is used by both ${existing.file} and ${loaded.file}.`,
    fix: 'Give each flow its own name; the file name without .flow.json is a good choice.',
  });
}
