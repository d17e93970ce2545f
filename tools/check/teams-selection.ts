import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IssueCollector } from '../../framework/errors/configuration-issue.js';
import { globMatcher } from '../../framework/teams/glob.js';
import { loadTeamsConfig, type LoadedTeamsConfig, type TeamsSource } from '../../framework/teams/teams-config-loader.js';
import type { CatalogueOffice } from '../catalogue/catalogue-model.js';

/** A teams file and the offices checked with it. */
export interface TeamsPairing {
  /** Undefined when the file could not be read or failed its schema (already reported). */
  readonly loaded: LoadedTeamsConfig | undefined;
  readonly offices: readonly CatalogueOffice[];
}

/**
 * Decides which teams file each office is checked with. The deployment's file is `--teams FILE`,
 * else `JOBFLOOR_TEAMS`, else `teams.config.json` in the project root. It is checked with the offices
 * whose jobs or dependencies its rules name; named explicitly it replaces their own teams file (as
 * `--teams` does at start-up), while the root file only serves offices that name none (unless an
 * office names it as its own, which makes it that office's file). Every other
 * office is checked with the file its `defineOffice({ teams })` names. A deployment file that names
 * no office's jobs is still checked on its own, so that its rules are reported as matching nothing.
 */
export function pairTeams(offices: readonly CatalogueOffice[], teamsOption: string | undefined, root: string, issues: IssueCollector): TeamsPairing[] {
  const explicit = teamsOption ?? nonEmpty(process.env['JOBFLOOR_TEAMS']);
  const rootFile = path.join(root, 'teams.config.json');
  const rootIsOwn = offices.some((office) => office.teams !== undefined && sourceKey(office.teams) === rootFile);
  const deploymentFile = explicit ?? (existsSync(rootFile) && !rootIsOwn ? rootFile : undefined);
  const deployment = deploymentFile === undefined ? undefined : loadTeamsConfig(deploymentFile, issues);
  const served = offices.filter((office) => (explicit !== undefined || office.teams === undefined) && concerns(deployment, office));
  const pairings: TeamsPairing[] = deploymentFile === undefined ? [] : [{ loaded: deployment, offices: served }];
  const byOwnFile = new Map<string, { source: TeamsSource; offices: CatalogueOffice[] }>();
  for (const office of offices) {
    if (served.includes(office) || office.teams === undefined) continue;
    const key = sourceKey(office.teams);
    const entry = byOwnFile.get(key) ?? { source: office.teams, offices: [] };
    entry.offices.push(office);
    byOwnFile.set(key, entry);
  }
  for (const { source, offices: using } of byOwnFile.values()) pairings.push({ loaded: loadTeamsConfig(source, issues), offices: using });
  return pairings;
}

/** True when a rule of the file names one of the office's jobs or dependencies. */
function concerns(loaded: LoadedTeamsConfig | undefined, office: CatalogueOffice): boolean {
  return (loaded?.config.assign ?? []).some((rule) => {
    const matches = globMatcher('job' in rule ? rule.job : rule.dependency);
    return 'job' in rule ? office.jobs.some((job) => matches(job.name)) : office.providers.some((provider) => matches(provider.token.name));
  });
}

function sourceKey(source: TeamsSource): string {
  if (typeof source === 'string') return path.resolve(source);
  return source instanceof URL ? source.href : `in code: ${source.file}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
