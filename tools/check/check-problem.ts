import type { ConfigurationIssue, IssueCollector } from '../../framework/errors/configuration-issue.js';
import type { ErrorCode } from '../../framework/errors/error-codes.js';
import type { CheckCode } from './check-codes.js';

/**
 * One problem `jobfloor check` reports: the runtime's configuration issue, or one of the check's
 * own. `location` names the file and the node or rule (`flows/x.flow.json#/nodes/a/next`), or the
 * source line of a job (`jobs/x.ts:12 (job X.y)`).
 */
export interface CheckProblem {
  readonly code: ErrorCode | CheckCode;
  readonly location: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * Collects problems without repeats: a flow file or teams file checked with two offices reports
 * the same problem once.
 */
export class ProblemList {
  readonly #problems = new Map<string, CheckProblem>();

  add(problem: CheckProblem): void {
    const key = `${problem.code}\u0000${problem.location}\u0000${problem.message}`;
    if (!this.#problems.has(key)) this.#problems.set(key, problem);
  }

  /** Adds what a shared start-up rule reported. */
  addIssues(issues: IssueCollector | readonly ConfigurationIssue[]): void {
    for (const issue of 'issues' in issues ? issues.issues : issues) this.add(issue);
  }

  /** The problems, ordered by location so that a file's problems stand together. */
  get problems(): CheckProblem[] {
    return [...this.#problems.values()].sort((a, b) => a.location.localeCompare(b.location, 'en'));
  }
}
