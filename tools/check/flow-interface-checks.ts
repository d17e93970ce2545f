import type { CatalogueJob } from '../catalogue/catalogue-model.js';
import type { ProblemList } from './check-problem.js';

/**
 * Checks a job's `@flows<I>(...)` list against the interface `I`. The list is what the runtime
 * knows (interfaces vanish when compiled): a method of `I` left out of it is missing from the
 * flows object, so calling it fails at run time; a listed name that `I` lacks can never be called.
 */
export function checkFlowInterface(job: CatalogueJob, problems: ProblemList): void {
  const flows = job.flows;
  if (flows === undefined) return;
  const location = `${job.file}:${job.line} (job ${job.name})`;
  const listed = flows.methods.map((method) => `'${method.name}'`).join(', ');
  for (const method of flows.unlisted) {
    problems.add({
      code: 'JOBFLOOR_CHECK_UNLISTED_FLOW_METHOD',
      location,
      message:
        `Method '${method}' of ${flows.interfaceName}, the flow interface of job '${job.name}', is not listed in its @flows() (${listed}); ` +
        `the flows object the job receives has no '${method}'.`,
      fix: `List it: @flows<${flows.interfaceName}>(${[listed, `'${method}'`].filter(Boolean).join(', ')}), and wire it in the flow graphs.`,
    });
  }
  for (const method of flows.methods.filter((candidate) => !candidate.declared)) {
    problems.add({
      code: 'JOBFLOOR_CHECK_FLOW_METHOD_NOT_IN_INTERFACE',
      location,
      message: `@flows() of job '${job.name}' lists '${method.name}', which is not a method of ${flows.interfaceName}; the job can never call it.`,
      fix:
        `Add ${method.name}(argument): void to ${flows.interfaceName}, or remove '${method.name}' from the list ` +
        `(giving the interface as @flows<${flows.interfaceName}>() lets the compiler catch this).`,
    });
  }
}
