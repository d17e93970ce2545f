import { pointer, type IssueCollector } from '../errors/configuration-issue.js';
import { globMatcher } from './glob.js';
import type { LoadedTeamsConfig } from './teams-config-loader.js';

/** The name of the built-in team that runs jobs inline; it needs no definition. */
export const INLINE_TEAM = 'inline';

/** What team assignment needs to know of a job: shared by the runtime and the static check. */
export interface AssignableJob {
  readonly name: string;
  /** The job's dependencies and, transitively, theirs (class or token names). */
  readonly dependencyNames: ReadonlySet<string>;
}

/** The team a job runs on and why. */
export interface TeamAssignment {
  readonly job: string;
  /** Undefined: no rule names the job, so it runs on the team of the job before it. */
  readonly team: string | undefined;
  /** The rule that decided, e.g. `assign[2] (dependency "Database")`, or why none did. */
  readonly reason: string;
}

/**
 * Assigns each job its team. An explicit job rule wins (the first that matches); otherwise the
 * dependency rules that match the job's dependencies, transitively, must agree on one team: two
 * teams is a start-up error, never a silent choice. With no rule the job has no team of its own.
 */
export function assignTeams(
  loaded: LoadedTeamsConfig | undefined,
  jobs: readonly AssignableJob[],
  issues: IssueCollector,
): Map<string, TeamAssignment> {
  const assignments = new Map<string, TeamAssignment>();
  if (loaded !== undefined) checkRuleTeams(loaded, issues);
  for (const job of jobs) assignments.set(job.name, assignJob(loaded, job, issues));
  return assignments;
}

function assignJob(loaded: LoadedTeamsConfig | undefined, job: AssignableJob, issues: IssueCollector): TeamAssignment {
  const rules = loaded?.config.assign ?? [];
  const jobRuleIndex = rules.findIndex((rule) => 'job' in rule && globMatcher(rule.job)(job.name));
  if (jobRuleIndex >= 0) {
    const rule = rules[jobRuleIndex]!;
    return { job: job.name, team: rule.team, reason: `assign[${jobRuleIndex}] (job "${'job' in rule ? rule.job : ''}")` };
  }
  const matches = rules.flatMap((rule, index) => {
    if (!('dependency' in rule)) return [];
    const matchesName = globMatcher(rule.dependency);
    const dependency = [...job.dependencyNames].find(matchesName);
    return dependency === undefined ? [] : [{ index, rule, dependency }];
  });
  const teams = new Set(matches.map((match) => match.rule.team));
  if (teams.size > 1) {
    reportConflict(loaded!, job, matches, issues);
    return { job: job.name, team: undefined, reason: 'conflicting dependency rules' };
  }
  const first = matches[0];
  if (first === undefined) return { job: job.name, team: undefined, reason: "no rule: runs on the previous job's team" };
  return {
    job: job.name,
    team: first.rule.team,
    reason: `assign[${first.index}] (dependency "${first.rule.dependency}" via ${first.dependency})`,
  };
}

function checkRuleTeams(loaded: LoadedTeamsConfig, issues: IssueCollector): void {
  const known = [INLINE_TEAM, ...Object.keys(loaded.config.teams)];
  loaded.config.assign.forEach((rule, index) => {
    if (known.includes(rule.team)) return;
    issues.add({
      code: 'JOBFLOOR_TEAMS_UNKNOWN_TEAM',
      location: `${loaded.file}#${pointer('assign', index, 'team')}`,
      message: `Rule assign[${index}] names team '${rule.team}', which is not defined; the teams are: ${known.map((t) => `'${t}'`).join(', ')}.`,
      fix: `Define '${rule.team}' under "teams", or name one of the defined teams.`,
    });
  });
}

function reportConflict(
  loaded: LoadedTeamsConfig,
  job: AssignableJob,
  matches: ReadonlyArray<{ index: number; rule: { team: string }; dependency: string }>,
  issues: IssueCollector,
): void {
  const described = matches.map((m) => `assign[${m.index}] (via ${m.dependency}) -> team '${m.rule.team}'`).join(', ');
  issues.add({
    code: 'JOBFLOOR_TEAMS_CONFLICTING_RULES',
    location: `${loaded.file}#${pointer('assign')}`,
    message: `Job '${job.name}' matches dependency rules that name different teams: ${described}.`,
    fix: `Add an explicit rule { "job": "${job.name}", "team": "..." } to choose its team, or change one of the dependency rules.`,
  });
}
