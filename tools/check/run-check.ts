import { IssueCollector } from '../../framework/errors/configuration-issue.js';
import { compileFlows } from '../../framework/flows/flow-compiler.js';
import type { Catalogue, CatalogueOffice } from '../catalogue/catalogue-model.js';
import type { SourceProject } from '../catalogue/source-project.js';
import { ProblemList, type CheckProblem } from './check-problem.js';
import { ErrorClassIndex } from './error-classes.js';
import { checkFlowInterface } from './flow-interface-checks.js';
import { selectFlows } from './flow-selection.js';
import { checkOfficeFlows } from './office-flows.js';
import { checkTeamRules } from './team-rules.js';
import { pairTeams } from './teams-selection.js';
import { checkThreadPoolValues } from './thread-pool-values.js';

/** What to check besides the offices' own files: `--flows DIR` (repeatable) and `--teams FILE`. */
export interface CheckOptions {
  readonly flows: readonly string[];
  readonly teams: string | undefined;
}

/** Everything `jobfloor check` found, and what it looked at. */
export interface CheckResult {
  readonly problems: readonly CheckProblem[];
  /** Remarks that are not problems: how files were placed, offices the check could not read. */
  readonly notes: readonly string[];
  readonly checked: { readonly offices: readonly string[]; readonly flowFiles: readonly string[]; readonly teamsFiles: readonly string[] };
}

/**
 * Checks a project's offices, flow graphs and teams files: everything the offices' start-up would
 * refuse (with the runtime's own rules and codes) and what only the types and the whole graph show.
 */
export function runCheck(source: SourceProject, catalogue: Catalogue, options: CheckOptions): CheckResult {
  const problems = new ProblemList();
  const issues = new IssueCollector();
  const selection = selectFlows(catalogue.offices, options.flows, source.root, issues);
  const offices = options.flows.length > 0 ? catalogue.offices.filter((office) => selection.byOffice.has(office)) : catalogue.offices;
  const errors = new ErrorClassIndex(source, offices);
  for (const office of offices) {
    checkOfficeSource(office, problems);
    checkOfficeFlows(office, selection.byOffice.get(office) ?? [], source, errors, problems);
  }
  compileFlows(selection.orphans, new Map(offices.flatMap((office) => office.jobs.map((job) => [job.name, job]))), issues);
  const pairings = pairTeams(offices, options.teams, source.root, issues);
  for (const pairing of pairings) for (const assigned of checkTeamRules(pairing, problems)) checkThreadPoolValues(assigned, problems);
  problems.addIssues(issues);
  const flowFiles = [...new Set([...selection.byOffice.values(), selection.orphans].flat().map((graph) => graph.file))];
  return {
    problems: problems.problems,
    notes: [...catalogue.skipped.map((part) => `${part.location}: ${part.what}; the check cannot read this office.`), ...selection.notes],
    checked: {
      offices: offices.map((office) => office.label),
      flowFiles,
      teamsFiles: pairings.flatMap((pairing) => (pairing.loaded === undefined ? [] : [pairing.loaded.file])),
    },
  };
}

/** What the office's start-up would refuse in its jobs and dependencies, and what the source shows. */
function checkOfficeSource(office: CatalogueOffice, problems: ProblemList): void {
  problems.addIssues(office.issues);
  for (const part of office.unresolved) {
    problems.add({
      code: 'JOBFLOOR_CHECK_OFFICE_NOT_STATIC',
      location: part.location,
      message: `The check cannot read ${part.what} of ${office.label}, so it cannot check what depends on it.`,
      fix:
        'Write that part of defineOffice() with literals, const variables, imported classes and provide() calls ' +
        '(paths may use path.join, new URL and import.meta.url).',
    });
  }
  for (const job of office.jobs) checkFlowInterface(job, problems);
}
