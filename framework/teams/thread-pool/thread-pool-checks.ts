import type { DependencyGraph } from '../../dependencies/dependency-graph.js';
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
  const pools = Object.entries(loaded.config.teams).filter(([, team]) => team.kind === 'thread-pool').map(([name]) => name);
  for (const team of pools) {
    if (officeModuleUrl === undefined) reportNoModule(loaded.file, team, issues);
    else if (needsCompiledCopy(officeModuleUrl) || needsCompiledCopy(workerEntryUrl)) reportNotCompiled(loaded.file, team, officeModuleUrl, issues);
  }
  for (const assignment of assignments.values()) {
    if (assignment.team === undefined || !pools.includes(assignment.team)) continue;
    const job = jobs.get(assignment.job)!;
    for (const provider of graph.reachableFrom(job.dependencies)) {
      if (provider.scope === 'flow') reportFlowScope(job, tokenName(provider.token), assignment, issues);
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

function reportFlowScope(job: JobDefinition, dependency: string, assignment: TeamAssignment, issues: IssueCollector): void {
  issues.add({
    code: 'JOBFLOOR_TEAMS_FLOW_SCOPE_ON_THREAD_POOL',
    location: `job ${job.name}`,
    message:
      `Job '${job.name}' is assigned to thread-pool team '${assignment.team}' by ${assignment.reason}, but it needs dependency ` +
      `'${dependency}', which is flow-scoped: a flow run's dependencies stay on the main thread.`,
    fix: `Make '${dependency}' process- or job-scoped, pass what the job needs as its argument, or assign the job to a main-thread team.`,
  });
}
