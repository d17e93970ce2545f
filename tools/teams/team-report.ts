import { formatIssue, IssueCollector } from '../../framework/errors/configuration-issue.js';
import type { LoadedTeamsConfig } from '../../framework/teams/teams-config-loader.js';
import type { Catalogue, CatalogueOffice } from '../catalogue/catalogue-model.js';
import { assignOfficeTeams } from '../check/team-rules.js';
import { pairTeams } from '../check/teams-selection.js';
import { teamsChange, type TeamsChange } from './config-change.js';
import type { JobStats } from './execution-stats.js';
import { advisePlacement, type AdviceThresholds, type PlacementAdvice } from './placement-advice.js';

/** Where one job runs and why. */
export interface JobPlacement {
  readonly job: string;
  /** Undefined: no rule names it; it runs on the team of the job before it. */
  readonly team: string | undefined;
  readonly kind: string;
  /** The rule that decided, as the runtime words it (`assign[0] (job "X")`). */
  readonly reason: string;
}

/** One office's jobs under its teams file, and, with statistics, the advice and the file to write. */
export interface OfficeTeamReport {
  readonly office: string;
  readonly teamsFile: string | undefined;
  readonly jobs: readonly JobPlacement[];
  readonly advice: readonly PlacementAdvice[];
  readonly change: TeamsChange | undefined;
}

/**
 * The team of every job of every office, decided by the runtime's `assignTeams` under the teams
 * file `jobfloor check` pairs with the office; with recorded statistics, placement advice.
 */
export function teamReports(
  catalogue: Catalogue,
  teamsOption: string | undefined,
  stats: ReadonlyMap<string, JobStats> | undefined,
  thresholds: AdviceThresholds,
): OfficeTeamReport[] {
  const issues = new IssueCollector();
  const pairings = pairTeams(catalogue.offices, teamsOption, catalogue.root, issues);
  if (issues.hasIssues) throw new Error(`The teams file has problems (run jobfloor check):\n${issues.issues.map(formatIssue).join('\n')}`);
  return catalogue.offices.map((office) => {
    const loaded = pairings.find((pairing) => pairing.offices.includes(office))?.loaded;
    return officeReport(office, loaded, stats, thresholds);
  });
}

function officeReport(
  office: CatalogueOffice,
  loaded: LoadedTeamsConfig | undefined,
  stats: ReadonlyMap<string, JobStats> | undefined,
  thresholds: AdviceThresholds,
): OfficeTeamReport {
  const assignments = loaded === undefined ? undefined : assignOfficeTeams(loaded, office, new IssueCollector());
  const jobs = office.jobs.map((job): JobPlacement => {
    const assignment = assignments?.get(job.name);
    if (assignment === undefined) return { job: job.name, team: 'inline', kind: 'inline', reason: 'no teams file: every job runs inline' };
    const kind = assignment.team === undefined ? '-' : (loaded?.config.teams[assignment.team]?.kind ?? 'inline');
    return { job: job.name, team: assignment.team, kind, reason: assignment.reason };
  });
  const advice = stats === undefined ? [] : advisePlacement(office, loaded, assignments, stats, thresholds);
  return {
    office: office.label,
    teamsFile: loaded?.file,
    jobs,
    advice,
    change: advice.some((item) => item.blockers.length === 0) ? teamsChange(loaded, assignments, advice) : undefined,
  };
}
