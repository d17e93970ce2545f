import { displayPath } from '../../framework/config/display-path.js';
import type { Catalogue, CatalogueFlows, CatalogueJob, CatalogueOffice, CatalogueProvider } from './catalogue-model.js';
import { typeText } from './type-text.js';

/**
 * The catalogue as JSON (`jobfloor catalogue`): for other tools and the flow editor, which need
 * the jobs' names, types and flows but not the TypeScript checker. Types are written as the job's
 * source would write them.
 */
export function catalogueJson(catalogue: Catalogue): object {
  return { offices: catalogue.offices.map(officeJson), skipped: catalogue.skipped };
}

function officeJson(office: CatalogueOffice): object {
  return {
    name: office.name ?? null,
    file: office.file,
    line: office.line,
    flows: office.flows.map(sourceName),
    teams: office.teams === undefined ? null : sourceName(office.teams),
    escalations: office.escalations,
    jobs: office.jobs.map(jobJson),
    dependencies: office.providers.map(dependencyJson),
    unresolved: office.unresolved,
  };
}

/** A flow or teams source as the catalogue names it: its display path, or an in-code source's file name. */
function sourceName(source: string | URL | { readonly file: string }): string {
  return typeof source === 'object' && !(source instanceof URL) ? source.file : displayPath(String(source));
}

function jobJson(job: CatalogueJob): object {
  const at = job.method;
  return {
    name: job.name,
    class: job.className,
    method: job.methodName,
    file: job.file,
    line: job.line,
    param: job.param === undefined ? null : { name: job.param.name, type: typeText(job.param.type, at) },
    returns: typeText(job.returns, at),
    context: job.usesContext,
    dependencies: job.injections.map(({ parameter, provider }) => ({ parameter, dependency: provider.token.name, scope: provider.scope })),
    flows: job.flows === undefined ? null : flowsJson(job.flows, job),
    throws: job.throws.map((escalation) => ({ class: escalation.className, chain: escalation.chain, declaredBy: escalation.source })),
  };
}

function flowsJson(flows: CatalogueFlows, job: CatalogueJob): object {
  return {
    parameter: flows.parameter,
    interface: flows.interfaceName,
    methods: flows.methods.map((method) => ({
      name: method.name,
      argument: method.argument === undefined ? null : typeText(method.argument, job.method),
      use: method.use,
      result: method.result === undefined ? null : typeText(method.result, job.method),
      inInterface: method.declared,
    })),
    unlisted: flows.unlisted,
  };
}

function dependencyJson(provider: CatalogueProvider): object {
  return {
    name: provider.token.name,
    kind: provider.token.kind,
    scope: provider.scope,
    dependsOn: provider.dependsOn.map((token) => token.name),
    file: provider.file,
    line: provider.line,
  };
}
