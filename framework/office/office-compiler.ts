import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DependencyGraph } from '../dependencies/dependency-graph.js';
import { IssueCollector } from '../errors/configuration-issue.js';
import { OfficeStartupError } from '../errors/office-errors.js';
import type { RuntimeNode } from '../engine/engine-host.js';
import { compileFlows } from '../flows/flow-compiler.js';
import { loadFlowGraphs, type FlowsSource } from '../flows/flow-files.js';
import type { CompiledFlow } from '../flows/flow-plan.js';
import { defineJobs, type JobDefinition } from '../jobs/job-definition.js';
import { assignTeams, type TeamAssignment } from '../teams/team-assignment.js';
import { loadTeamsConfig, type LoadedTeamsConfig, type TeamsSource } from '../teams/teams-config-loader.js';
import { checkThreadPoolTeams } from '../teams/thread-pool/thread-pool-checks.js';
import type { OfficeModule } from '../teams/thread-pool/thread-pool-team.js';
import type { OfficeDefinition } from './office-definition.js';
import { compileOfficeEscalations } from './office-escalations.js';

/** An office definition with everything resolved and checked, ready to run. */
export interface CompiledOffice {
  readonly graph: DependencyGraph;
  readonly jobs: ReadonlyMap<string, JobDefinition>;
  readonly flows: ReadonlyMap<string, CompiledFlow<JobDefinition>>;
  readonly teams: LoadedTeamsConfig | undefined;
  readonly assignments: ReadonlyMap<string, TeamAssignment>;
  /** Office-level escalation handlers: error class name -> handler node. */
  readonly escalations: ReadonlyMap<string, RuntimeNode>;
  /** The module worker threads import, when the definition names one. */
  readonly officeModule: OfficeModule | undefined;
}

/**
 * Reads and checks an office: dependencies, jobs, teams file and flow graphs. Collects every
 * problem and throws one `OfficeStartupError` listing them all, so one start shows them all.
 */
export function compileOffice(definition: OfficeDefinition, teamsSource: TeamsSource | undefined): CompiledOffice {
  const issues = new IssueCollector();
  const graph = DependencyGraph.build(definition.dependencies ?? [], issues);
  const jobs = new Map(defineJobs(definition.jobs, graph, issues).map((job) => [job.name, job]));
  const teams = teamsSource === undefined ? undefined : loadTeamsConfig(teamsSource, issues);
  const assignable = [...jobs.values()].map((job) => ({
    name: job.name,
    dependencyNames: graph.transitiveNames(job.dependencies.map((provider) => provider.token)),
  }));
  const assignments = assignTeams(teams, assignable, issues);
  const officeModule = definition.module === undefined ? undefined : { url: moduleUrl(definition.module), name: definition.name };
  checkThreadPoolTeams(teams, assignments, jobs, graph, officeModule?.url, issues);
  const sources: readonly FlowsSource[] = isSourceList(definition.flows) ? definition.flows : [definition.flows];
  const flows = compileFlows(loadFlowGraphs(sources, issues), jobs, issues);
  const escalations = compileOfficeEscalations(definition.escalations ?? {}, flows, issues);
  if (issues.hasIssues) throw new OfficeStartupError(issues.issues);
  return { graph, jobs, flows, teams, assignments, escalations, officeModule };
}

/** `import.meta.url` as given, or a file path turned into a file URL. */
function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  return module.startsWith('file:') ? module : pathToFileURL(path.resolve(module)).href;
}

function isSourceList(flows: OfficeDefinition['flows']): flows is readonly FlowsSource[] {
  return Array.isArray(flows);
}
