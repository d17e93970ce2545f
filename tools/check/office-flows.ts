import { IssueCollector } from '../../framework/errors/configuration-issue.js';
import { compileFlows } from '../../framework/flows/flow-compiler.js';
import type { LoadedFlowGraph } from '../../framework/flows/flow-files.js';
import { compileOfficeEscalations } from '../../framework/office/office-escalations.js';
import type { CatalogueOffice } from '../catalogue/catalogue-model.js';
import type { SourceProject } from '../catalogue/source-project.js';
import type { ProblemList } from './check-problem.js';
import type { ErrorClassIndex } from './error-classes.js';
import { checkHandlers, flowHandlerEntries, type HandlerEntry } from './escalation-handlers.js';
import { EscalationRoutes } from './escalation-routes.js';
import type { CheckFlow, CheckNode } from './flow-frames.js';
import { checkReachability } from './reachability.js';
import { checkUnhandledEscalations } from './unhandled-escalations.js';
import { checkWiringTypes } from './wiring-types.js';

/**
 * Checks an office's flow graphs: first as the office's start-up would (the runtime's flow compiler
 * and office escalations: unknown jobs, nodes, sub-flows and flow methods, unwired methods), then
 * what only the types and the whole graph show: values that do not fit, handlers that do not take
 * their escalation, escalations nothing handles, nodes nothing reaches.
 */
export function checkOfficeFlows(
  office: CatalogueOffice,
  graphs: readonly LoadedFlowGraph[],
  source: SourceProject,
  errors: ErrorClassIndex,
  problems: ProblemList,
): void {
  const issues = new IssueCollector();
  const flows = compileFlows(graphs, new Map(office.jobs.map((job) => [job.name, job])), issues);
  const officeHandlers = compileOfficeEscalations(office.escalations, flows, issues, `${office.file}:${office.line}#/escalations`);
  problems.addIssues(issues);
  const entriesOf = (flow: CheckFlow): CheckNode[] => runEntries(flow, graphs, officeHandlers);
  for (const flow of flows.values()) checkReachability(flow, [...entriesOf(flow), ...(flow.escalations?.values() ?? [])], problems);
  checkWiringTypes(flows.values(), source.builtins, problems);
  checkHandlers([...[...flows.values()].flatMap(flowHandlerEntries), ...officeEntries(office, officeHandlers)], errors, problems);
  checkUnhandledEscalations(flows.values(), new EscalationRoutes(flows.values(), entriesOf, officeHandlers), problems);
}

/** Where runs of a flow begin: its start, its `entries`, and the office handlers aimed at it. */
function runEntries(flow: CheckFlow, graphs: readonly LoadedFlowGraph[], officeHandlers: ReadonlyMap<string, CheckNode>): CheckNode[] {
  const graph = graphs.find((loaded) => loaded.file === flow.file && loaded.graph.name === flow.name)?.graph;
  const listed = (graph?.entries ?? []).flatMap((name) => {
    const node = flow.nodes.get(name);
    return node === undefined ? [] : [node];
  });
  const handled = [...officeHandlers.values()].filter((node) => node.flow === flow);
  return [...(flow.start === undefined ? [] : [flow.start]), ...listed, ...handled];
}

function officeEntries(office: CatalogueOffice, handlers: ReadonlyMap<string, CheckNode>): HandlerEntry[] {
  return [...handlers].map(([errorClass, handler]) => ({
    errorClass,
    handler,
    location: `${office.file}:${office.line}#/escalations/${errorClass}`,
    table: `${office.label}`,
  }));
}
