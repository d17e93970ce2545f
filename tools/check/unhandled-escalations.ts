import type { ProblemList } from './check-problem.js';
import type { EscalationRoutes } from './escalation-routes.js';
import type { CheckFlow } from './flow-frames.js';

/**
 * Reports each escalation a job declares (`@job({ throws })`, `@throws`) that no handler would
 * take where the job runs: not at its node, its flow, the flows above it, or the office. The runtime
 * would log it with the default handler and fail the run.
 */
export function checkUnhandledEscalations(flows: Iterable<CheckFlow>, routes: EscalationRoutes, problems: ProblemList): void {
  for (const flow of flows) {
    for (const node of flow.nodes.values()) {
      for (const escalation of node.job?.throws ?? []) {
        if (routes.isHandled(node, escalation.chain)) continue;
        const declared = escalation.source === '@job' ? '@job({ throws })' : 'a @throws tag';
        const parents = routes.parentsOf(flow).map((parent) => `flow '${parent.flow.name}'`);
        const levels = [`node '${node.name}'`, `flow '${flow.name}'`, ...parents, 'the office'].join(', ');
        problems.add({
          code: 'JOBFLOOR_CHECK_UNHANDLED_ESCALATION',
          location: node.location,
          message: `Job '${node.job!.name}' declares escalation '${escalation.className}' (${declared}), but no handler takes it at ${levels}; the run would fail.`,
          fix:
            `Add "escalations": { "${escalation.className}": "<handler node>" } to node '${node.name}' or to flow '${flow.name}' ` +
            `(a base class such as '${escalation.chain.at(-1)}' works too), ` +
            `or an office handler: defineOffice({ escalations: { ${escalation.className}: '<flow>' } }).`,
        });
      }
    }
  }
}
