import { readFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../config/display-path.js';
import { zodIssuesToConfigurationIssues } from '../config/zod-issues.js';
import type { IssueCollector } from '../errors/configuration-issue.js';
import { teamsConfigSchema, type TeamsConfig } from './teams-config-schema.js';

/** The teams file as given to the office: a path, or content already read (tests, tools). */
export type TeamsSource = string | URL | { readonly file: string; readonly content: unknown };

/** A loaded teams file with the name messages use for it. */
export interface LoadedTeamsConfig {
  readonly file: string;
  readonly config: TeamsConfig;
}

const schemaFile = 'framework/schemas/teams.schema.json';

/**
 * The teams file a deployer chose: `--teams FILE` (or `--teams=FILE`) on the command line,
 * else the `JOBFLOOR_TEAMS` environment variable; undefined when neither is given.
 */
export function teamsFileFromDeployment(
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--teams' && argv[i + 1] !== undefined) return argv[i + 1];
    if (arg.startsWith('--teams=')) return arg.slice('--teams='.length);
  }
  const fromEnv = env['JOBFLOOR_TEAMS'];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

/** Reads and validates a teams file; problems go to `issues` and give undefined. */
export function loadTeamsConfig(source: TeamsSource, issues: IssueCollector): LoadedTeamsConfig | undefined {
  const read = typeof source === 'string' || source instanceof URL ? readJson(source, issues) : source;
  if (read === undefined) return undefined;
  const parsed = teamsConfigSchema.safeParse(read.content);
  if (!parsed.success) {
    for (const issue of zodIssuesToConfigurationIssues(parsed.error, read.file, 'JOBFLOOR_TEAMS_INVALID', schemaFile)) {
      issues.add(issue);
    }
    return undefined;
  }
  return { file: read.file, config: parsed.data };
}

function readJson(source: string | URL, issues: IssueCollector): { file: string; content: unknown } | undefined {
  const absolute = source instanceof URL ? source : path.resolve(source);
  const file = displayPath(absolute instanceof URL ? absolute.pathname : absolute);
  try {
    return { file, content: JSON.parse(readFileSync(absolute, 'utf8')) };
  } catch (error) {
    issues.add({
      code: 'JOBFLOOR_TEAMS_UNREADABLE',
      location: file,
      message: `The teams file cannot be read: ${(error as Error).message}`,
      fix: 'Check the path given with --teams, JOBFLOOR_TEAMS or defineOffice({ teams }), and that the file is valid JSON.',
    });
    return undefined;
  }
}
