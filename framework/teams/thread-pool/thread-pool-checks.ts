import type { DependencyGraph } from '../../dependencies/dependency-graph.js';
import type { DependencyScope } from '../../dependencies/provide.js';
import { tokenName } from '../../dependencies/token.js';
import { pointer, type IssueCollector } from '../../errors/configuration-issue.js';
import type { JobDefinition } from '../../jobs/job-definition.js';
import type { TeamAssignment } from '../team-assignment.js';
import type { LoadedTeamsConfig } from '../teams-config-loader.js';
import { needsCompiledCopy, workerEntryUrl } from './compiled-sources.js';

/**
 * What thread-pool teams need at start-up: the office module their workers import, and jobs whose
 * dependencies can live on a worker. A flow-scoped dependency belongs to a run on the main thread
 * (a transaction, a request) and cannot cross to a worker.
 */
export function checkThreadPoolTeams(
  loaded: LoadedTeamsConfig | undefined,
  assignments: ReadonlyMap<string, TeamAssignment>,
  jobs: ReadonlyMap<string, JobDefinition>,
  graph: DependencyGraph,
  officeModuleUrl: string | undefined,
  issues: IssueCollector,
): void {
  if (loaded === undefined) return;
  checkThreadPoolModule(loaded, officeModuleUrl !== undefined, issues);
  for (const team of threadPoolTeamNames(loaded)) {
    if (officeModuleUrl !== undefined && (needsCompiledCopy(officeModuleUrl) || needsCompiledCopy(workerEntryUrl))) {
      reportNotCompiled(loaded.file, team, officeModuleUrl, issues);
    }
  }
  const dependenciesOf = (job: string): ScopedDependency[] =>
    [...graph.reachableFrom(jobs.get(job)!.dependencies)].map((provider) => ({ name: tokenName(provider.token), scope: provider.scope }));
  checkFlowScopeOnThreadPools(loaded, assignments, dependenciesOf, issues);
}

/** The names of the teams file's thread-pool teams. */
export function threadPoolTeamNames(loaded: LoadedTeamsConfig): string[] {
  return Object.entries(loaded.config.teams)
    .filter(([, team]) => team.kind === 'thread-pool')
    .map(([name]) => name);
}

/** Thread-pool teams need the office to name its module (`defineOffice({ module })`). */
export function checkThreadPoolModule(loaded: LoadedTeamsConfig, hasModule: boolean, issues: IssueCollector): void {
  if (hasModule) return;
  for (const team of threadPoolTeamNames(loaded)) reportNoModule(loaded.file, team, issues);
}

/** A dependency as the flow-scope rule sees it. */
export interface ScopedDependency {
  readonly name: string;
  readonly scope: DependencyScope;
}

/**
 * Reports each job assigned to a thread-pool team that needs a flow-scoped dependency, directly
 * or through its dependencies (`dependenciesOf` gives them all, transitively). The office and
 * `jobfloor check` both decide with it.
 */
export function checkFlowScopeOnThreadPools(
  loaded: LoadedTeamsConfig,
  assignments: ReadonlyMap<string, TeamAssignment>,
  dependenciesOf: (job: string) => Iterable<ScopedDependency>,
  issues: IssueCollector,
): void {
  const pools = threadPoolTeamNames(loaded);
  for (const assignment of assignments.values()) {
    if (assignment.team === undefined || !pools.includes(assignment.team)) continue;
    for (const dependency of dependenciesOf(assignment.job)) {
      if (dependency.scope === 'flow') reportFlowScope(assignment.job, dependency.name, assignment, issues);
    }
  }
}

function reportNoModule(file: string, team: string, issues: IssueCollector): void {
  issues.add({
    code: 'JOBFLOOR_OFFICE_NO_MODULE',
    location: `${file}#${pointer('teams', team)}`,
    message: `Team '${team}' runs jobs on worker threads, which import the office's module to find them, but defineOffice() names no module.`,
    fix: 'Add module: import.meta.url to defineOffice({ ... }), and export the office from that module.',
  });
}

function reportNotCompiled(file: string, team: string, moduleUrl: string, issues: IssueCollector): void {
  issues.add({
    code: 'JOBFLOOR_OFFICE_MODULE_NOT_COMPILED',
    location: `${file}#${pointer('teams', team)}`,
    message: `Team '${team}' runs jobs on worker threads, which import JavaScript, but the office module ${moduleUrl} (or the framework) runs from TypeScript sources.`,
    fix: 'Run the compiled code (npm run build, then node dist/...), or set JOBFLOOR_COMPILED_DIR to a tsc build of these sources, as the test harness does.',
  });
}

function reportFlowScope(job: string, dependency: string, assignment: TeamAssignment, issues: IssueCollector): void {
  issues.add({
    code: 'JOBFLOOR_TEAMS_FLOW_SCOPE_ON_THREAD_POOL',
    location: `job ${job}`,
    message:
      `Job '${job}' is assigned to thread-pool team '${assignment.team}' by ${assignment.reason}, but it needs dependency ` +
      `'${dependency}', which is flow-scoped: a flow run's dependencies stay on the main thread.`,
    fix: `Make '${dependency}' process- or job-scoped, pass what the job needs as its argument, or assign the job to a main-thread team.`,
  });
}
