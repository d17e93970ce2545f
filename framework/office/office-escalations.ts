import { didYouMean } from '../config/suggest.js';
import { pointer, type IssueCollector } from '../errors/configuration-issue.js';
import type { CompiledFlow, CompiledNode, PlannableJob } from '../flows/flow-plan.js';
import type { OfficeEscalationTarget } from './office-definition.js';

/**
 * Resolves the office-level escalation handlers (`defineOffice({ escalations })`) to the nodes
 * where their runs start: error class name -> the flow's start, or the named node. Unknown flows
 * and nodes are reported. Shared by the office's start-up and `jobfloor check`.
 */
export function compileOfficeEscalations<J extends PlannableJob>(
  table: Readonly<Record<string, OfficeEscalationTarget>>,
  flows: ReadonlyMap<string, CompiledFlow<J>>,
  issues: IssueCollector,
  where = 'office escalations',
): Map<string, CompiledNode<J>> {
  const handlers = new Map<string, CompiledNode<J>>();
  for (const [errorClass, target] of Object.entries(table)) {
    const node = resolveTarget(errorClass, target, flows, issues, `${where}${pointer(errorClass)}`);
    if (node !== undefined) handlers.set(errorClass, node);
  }
  return handlers;
}

function resolveTarget<J extends PlannableJob>(
  errorClass: string,
  target: OfficeEscalationTarget,
  flows: ReadonlyMap<string, CompiledFlow<J>>,
  issues: IssueCollector,
  location: string,
): CompiledNode<J> | undefined {
  const { flow: flowName, at } = typeof target === 'string' ? { flow: target, at: undefined } : target;
  const flow = flows.get(flowName);
  if (flow === undefined) {
    issues.add({
      code: 'JOBFLOOR_FLOW_UNKNOWN_FLOW',
      location,
      message: `The office handles escalation '${errorClass}' with flow '${flowName}', which does not exist.${didYouMean(flowName, flows.keys())}`,
      fix: 'Name a flow by its "name" field in defineOffice({ escalations }).',
    });
    return undefined;
  }
  const node = at === undefined ? flow.start : flow.nodes.get(at);
  if (node === undefined) {
    issues.add({
      code: 'JOBFLOOR_FLOW_UNKNOWN_NODE',
      location,
      message: `The office handles escalation '${errorClass}' at node '${at}' of flow '${flowName}', which the flow does not have.`,
      fix: `Name one of the flow's nodes (${[...flow.nodes.keys()].join(', ')}).`,
    });
  }
  return node;
}
