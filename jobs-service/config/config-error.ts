/**
 * The error a bad configuration raises: every problem, each naming its source and key, so one
 * start shows all of them (STYLE.md, habit 5).
 */

/** One thing wrong with the configuration. */
export interface ConfigIssue {
  /**
   * Where the value came from: `config file ./jobfloor.config.json`, `environment variable PORT`,
   * `flag --port`, `command line`, or a file a key names (`JWKS file ./keys.json`).
   */
  readonly source: string;
  /** The dotted configuration key (`auth.audience`), or '' for the source as a whole. */
  readonly key: string;
  /** What is wrong and, where it helps, the value that was given and how to fix it. */
  readonly message: string;
}

/**
 * One issue as a line. An environment variable or a flag already names its key; a file or other
 * source is followed by the key: `config file ./jobfloor.config.json at auth.audience: ...`.
 */
export function formatConfigIssue(issue: ConfigIssue): string {
  const namesItsKey = issue.source.startsWith('environment variable ') || issue.source.startsWith('flag ');
  const where = namesItsKey || issue.key === '' ? issue.source : `${issue.source} at ${issue.key}`;
  return `${where}: ${issue.message}`;
}

/** Thrown by `loadServiceConfig` (and by key loading in the auth module) with every problem found. */
export class ConfigError extends Error {
  readonly code = 'JOBS_CONFIG_INVALID';
  /** Every problem, in the order found: the file, the environment, the flags, then checks across them. */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(describeIssues(issues));
    this.issues = Object.freeze([...issues]);
  }

  /** The class name, so that the error prints as itself. */
  override get name(): string {
    return 'ConfigError';
  }
}

function describeIssues(issues: readonly ConfigIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return [
    `The jobs service configuration is invalid (${count}):`,
    ...issues.map((issue) => `  - ${formatConfigIssue(issue)}`),
    'docs/jobs-service/configuration.md lists every key, environment variable and flag.',
  ].join('\n');
}
