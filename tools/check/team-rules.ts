import { IssueCollector, pointer } from '../../framework/errors/configuration-issue.js';
import { globMatcher } from '../../framework/teams/glob.js';
import { assignTeams, type TeamAssignment } from '../../framework/teams/team-assignment.js';
import type { LoadedTeamsConfig } from '../../framework/teams/teams-config-loader.js';
import { checkFlowScopeOnThreadPools, checkThreadPoolModule } from '../../framework/teams/thread-pool/thread-pool-checks.js';
import type { CatalogueOffice } from '../catalogue/catalogue-model.js';
import type { ProblemList } from './check-problem.js';
import type { TeamsPairing } from './teams-selection.js';

/** The team assignments of one office under one teams file. */
export interface OfficeAssignments {
  readonly office: CatalogueOffice;
  readonly loaded: LoadedTeamsConfig;
  readonly assignments: ReadonlyMap<string, TeamAssignment>;
}

/**
 * Checks a teams file with the offices it serves, deciding with the runtime's own rules: unknown
 * teams and conflicting dependency rules (`assignTeams`), thread-pool teams without an office
 * module, and thread-pool jobs that need flow-scoped dependencies. Adds what only a look at every
 * office can tell: rules whose glob matches no job or dependency at all.
 */
export function checkTeamRules(pairing: TeamsPairing, problems: ProblemList): OfficeAssignments[] {
  const loaded = pairing.loaded;
  if (loaded === undefined) return [];
  if (pairing.offices.length === 0) problems.addIssues(assignTeamsQuietly(loaded));
  const result = pairing.offices.map((office) => checkOffice(loaded, office, problems));
  reportUnmatchedRules(loaded, pairing.offices, problems);
  return result;
}

/** Runs `assignTeams` for its checks of the file alone (unknown teams). */
function assignTeamsQuietly(loaded: LoadedTeamsConfig): IssueCollector {
  const issues = new IssueCollector();
  assignTeams(loaded, [], issues);
  return issues;
}

/** The team of every job of `office` under the file, with the rule that decided it. */
export function assignOfficeTeams(loaded: LoadedTeamsConfig | undefined, office: CatalogueOffice, issues: IssueCollector): Map<string, TeamAssignment> {
  const jobs = office.jobs.map((job) => ({
    name: job.name,
    dependencyNames: office.graph.transitiveNames(job.injections.map((injection) => injection.provider.token)),
  }));
  return assignTeams(loaded, jobs, issues);
}

function checkOffice(loaded: LoadedTeamsConfig, office: CatalogueOffice, problems: ProblemList): OfficeAssignments {
  const issues = new IssueCollector();
  const assignments = assignOfficeTeams(loaded, office, issues);
  checkThreadPoolModule(loaded, office.hasModule, issues);
  checkFlowScopeOnThreadPools(loaded, assignments, (name) => scopedDependencies(office, name), issues);
  for (const issue of issues.issues) problems.add(locatedForOffice(issue, office, loaded, assignments));
  return { office, loaded, assignments };
}

/** Every dependency a job needs, its dependencies' own included, with its scope. */
function scopedDependencies(office: CatalogueOffice, jobName: string): Array<{ name: string; scope: 'process' | 'flow' | 'job' }> {
  const job = office.jobs.find((candidate) => candidate.name === jobName);
  const providers = office.graph.reachableFrom(job?.injections.map((injection) => injection.provider) ?? []);
  return [...providers].map((provider) => ({ name: provider.token.name, scope: provider.scope }));
}

/**
 * The shared rules locate a job's problem by the job; the check points at the rule that put it on
 * the team and names the job's source. A missing office module names the office.
 */
function locatedForOffice(
  issue: IssueCollector['issues'][number],
  office: CatalogueOffice,
  loaded: LoadedTeamsConfig,
  assignments: ReadonlyMap<string, TeamAssignment>,
): IssueCollector['issues'][number] {
  if (issue.code === 'JOBFLOOR_OFFICE_NO_MODULE') return { ...issue, message: `${issue.message} (${office.label}, ${office.file}:${office.line})` };
  const jobName = /^job (.+)$/.exec(issue.location)?.[1];
  const job = office.jobs.find((candidate) => candidate.name === jobName);
  if (jobName === undefined || job === undefined) return issue;
  const rule = /^assign\[(\d+)\]/.exec(assignments.get(jobName)?.reason ?? '')?.[1];
  const at = rule === undefined ? '' : pointer('assign', Number(rule));
  return { ...issue, location: `${loaded.file}#${at} (job ${jobName}, ${job.file}:${job.line})` };
}

/** A rule whose glob names no job (or dependency) of any office served: a typo, or a leftover. */
function reportUnmatchedRules(loaded: LoadedTeamsConfig, offices: readonly CatalogueOffice[], problems: ProblemList): void {
  const jobs = offices.flatMap((office) => office.jobs.map((job) => job.name));
  const dependencies = offices.flatMap((office) => office.providers.map((provider) => provider.token.name));
  loaded.config.assign.forEach((rule, index) => {
    const [kind, glob, names] = 'job' in rule ? (['job', rule.job, jobs] as const) : (['dependency', rule.dependency, dependencies] as const);
    if (names.some(globMatcher(glob))) return;
    const what = kind === 'job' ? 'job name (ClassName.method, or its @job({ name }))' : 'dependency name (class or createToken name)';
    const labels = offices.map((office) => office.label).join(', ');
    const served = offices.length === 0 ? 'no office has jobs named in this file' : `the offices checked with it are ${labels}`;
    problems.add({
      code: 'JOBFLOOR_CHECK_RULE_MATCHES_NOTHING',
      location: `${loaded.file}#${pointer('assign', index, kind)}`,
      message: `Rule assign[${index}] (${kind} "${glob}") matches no ${kind} (${served}).`,
      fix: `Correct the ${what} or glob, or remove the rule.`,
    });
  });
}
