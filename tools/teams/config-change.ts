import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { TeamAssignment } from '../../framework/teams/team-assignment.js';
import type { LoadedTeamsConfig } from '../../framework/teams/teams-config-loader.js';
import { threadPoolTeamNames } from '../../framework/teams/thread-pool/thread-pool-checks.js';
import type { PlacementAdvice } from './placement-advice.js';

/** A teams file as written, with the rules the advice adds or changes. */
export interface TeamsChange {
  readonly file: string | undefined;
  /** One line per edit, in words. */
  readonly edits: readonly string[];
  /** The whole file after the edits. */
  readonly config: Record<string, unknown>;
}

interface RawRule {
  job?: string;
  dependency?: string;
  team: string;
}

/**
 * Applies advice to a teams file, editing the file as written (not its defaults) so that the
 * printed result can replace it. A job moves by an explicit job rule at the top of `assign`, since
 * the first matching job rule wins and job rules beat dependency rules; a job that an exact job
 * rule already places has that rule's team changed instead. Jobs with blockers are left alone.
 */
export function teamsChange(
  loaded: LoadedTeamsConfig | undefined,
  assignments: ReadonlyMap<string, TeamAssignment> | undefined,
  advice: readonly PlacementAdvice[],
): TeamsChange {
  const config = rawConfig(loaded);
  const teams = (config['teams'] ??= {}) as Record<string, unknown>;
  const assign = (config['assign'] ??= []) as RawRule[];
  const edits: string[] = [];
  const movable = advice.filter((item) => item.blockers.length === 0);
  const pool = movable.some((item) => item.to === 'thread-pool') ? poolTeam(loaded, teams, edits) : undefined;
  for (const item of movable) {
    const team = item.to === 'inline' ? 'inline' : pool!;
    const exact = assign.findIndex((rule) => rule.job === item.job);
    if (exact >= 0 && assignments?.get(item.job)?.reason.startsWith(`assign[${exact}]`) === true) {
      edits.push(`the rule { "job": "${item.job}", "team": "${assign[exact]!.team}" } names team '${team}' instead`);
      assign[exact]!.team = team;
    } else {
      assign.unshift({ job: item.job, team });
      edits.push(`new rule at the top of assign: { "job": "${item.job}", "team": "${team}" }`);
    }
  }
  return { file: loaded?.file, edits, config };
}

/** The file's JSON as written; a teams file given in code, or none, as its parsed content. */
function rawConfig(loaded: LoadedTeamsConfig | undefined): Record<string, unknown> {
  if (loaded !== undefined && existsSync(loaded.file)) return JSON.parse(readFileSync(loaded.file, 'utf8')) as Record<string, unknown>;
  return loaded === undefined ? { teams: {}, assign: [] } : (structuredClone(loaded.config) as unknown as Record<string, unknown>);
}

/** The file's first thread-pool team, or a new one sized to this machine. */
function poolTeam(loaded: LoadedTeamsConfig | undefined, teams: Record<string, unknown>, edits: string[]): string {
  const existing = loaded === undefined ? [] : threadPoolTeamNames(loaded);
  if (existing[0] !== undefined) return existing[0];
  let name = 'cpu';
  for (let n = 2; name in teams; n++) name = `cpu${n}`;
  // Leave one core to the main thread's event loop.
  const max = Math.max(1, availableParallelism() - 1);
  teams[name] = { kind: 'thread-pool', threads: { min: 1, max } };
  edits.push(`new team '${name}': a thread pool of 1 to ${max} threads`);
  return name;
}
