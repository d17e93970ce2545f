import type { ProblemList } from './check-problem.js';
import type { CheckFlow, CheckNode } from './flow-frames.js';

/**
 * Reports nodes that nothing leads to. A flow is entered at its start, its `entries`, its
 * flow-level handlers and the office handlers aimed at it; from there `next`, flow links and
 * node-level handlers lead on. A node reached by none of them can never run.
 */
export function checkReachability(flow: CheckFlow, entries: Iterable<CheckNode>, problems: ProblemList): void {
  const reached = new Set<CheckNode>();
  const visit = (node: CheckNode | undefined): void => {
    if (node === undefined || reached.has(node)) return;
    reached.add(node);
    visit(node.next);
    for (const link of node.links.values()) visit(link.target);
    for (const handler of node.escalations?.values() ?? []) visit(handler);
  };
  for (const entry of entries) visit(entry);
  for (const node of flow.nodes.values()) {
    if (reached.has(node)) continue;
    problems.add({
      code: 'JOBFLOOR_CHECK_UNREACHABLE_NODE',
      location: node.location,
      message: `Node '${node.name}' of flow '${flow.name}' is never run: no start, entry, next, flow link or escalation handler leads to it.`,
      fix: `Link it from another node ("next", "flows" or "escalations"), list it in the flow's "entries" if runs start there, or remove it.`,
    });
  }
}
