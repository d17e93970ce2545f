import type { ErrorCode } from './error-codes.js';

/**
 * One problem found while starting an office or checking its files: what is wrong, where
 * (a file with a JSON pointer such as `flows/x.flow.json#/nodes/a/next`, or a job), and the fix.
 * Start-up collects every issue before it fails, so that one run shows all of them.
 */
export interface ConfigurationIssue {
  readonly code: ErrorCode;
  /** The file and JSON pointer, or the job (`Class.method`) or dependency, that is wrong. */
  readonly location: string;
  /** What is wrong, naming the culprit. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Formats an issue as one line: `location: message Fix: fix`. */
export function formatIssue(issue: ConfigurationIssue): string {
  return `${issue.location}: ${issue.message} Fix: ${issue.fix}`;
}

/** Collects issues from the several loaders that run at start-up. */
export class IssueCollector {
  readonly #issues: ConfigurationIssue[] = [];

  add(issue: ConfigurationIssue): void {
    this.#issues.push(issue);
  }

  get issues(): readonly ConfigurationIssue[] {
    return this.#issues;
  }

  get hasIssues(): boolean {
    return this.#issues.length > 0;
  }
}

/** JSON pointer segment escaping (RFC 6901), for node names that contain `/` or `~`. */
export function pointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
