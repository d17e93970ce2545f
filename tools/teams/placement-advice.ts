import type { TeamAssignment } from '../../framework/teams/team-assignment.js';
import type { LoadedTeamsConfig } from '../../framework/teams/teams-config-loader.js';
import { threadPoolTeamNames } from '../../framework/teams/thread-pool/thread-pool-checks.js';
import type { CatalogueJob, CatalogueOffice } from '../catalogue/catalogue-model.js';
import { uncloneablePart } from '../check/cloneable-types.js';
import type { JobStats } from './execution-stats.js';

/** When a job should move, in the terms of its records. Each has a command-line option. */
export interface AdviceThresholds {
  /** A main-thread job whose median CPU time reaches this blocks the event loop too long (ms). */
  readonly blockMs: number;
  /** ... if at least this share of its run time is CPU (0..1): otherwise it mostly waits, and a thread does not help. */
  readonly cpuShare: number;
  /** A thread-pool job whose median run time is below this is too short to pay for the hop (ms). */
  readonly hopMs: number;
  /** Jobs with fewer records get no advice. */
  readonly minRecords: number;
}

/**
 * Defaults: 10 ms of CPU at a time is where an event loop's other work visibly waits; a hop to a
 * worker and back costs about 80 µs (docs/framework.md, `npm run bench -- team-hop`), so a job
 * under 1 ms spends a tenth or more of its time travelling.
 */
export const defaultThresholds: AdviceThresholds = { blockMs: 10, cpuShare: 0.5, hopMs: 1, minRecords: 5 };

/** Advice to move one job. */
export interface PlacementAdvice {
  readonly job: string;
  readonly to: 'thread-pool' | 'inline';
  /** What the records say. */
  readonly because: string;
  /** Why the job cannot move to a worker thread as it is; empty when it can. */
  readonly blockers: readonly string[];
}

/** Advice for every job of `office` whose records say it is on the wrong kind of team. */
export function advisePlacement(
  office: CatalogueOffice,
  loaded: LoadedTeamsConfig | undefined,
  assignments: ReadonlyMap<string, TeamAssignment> | undefined,
  stats: ReadonlyMap<string, JobStats>,
  thresholds: AdviceThresholds,
): PlacementAdvice[] {
  const pools = loaded === undefined ? [] : threadPoolTeamNames(loaded);
  return office.jobs.flatMap((job) => {
    const jobStats = stats.get(job.name);
    if (jobStats === undefined || jobStats.runs < thresholds.minRecords) return [];
    const team = assignments?.get(job.name)?.team;
    const onPool = team !== undefined && pools.includes(team);
    if (onPool) return jobStats.medianRunMs < thresholds.hopMs ? [toInline(job, jobStats, thresholds)] : [];
    return blocksEventLoop(jobStats, thresholds) ? [toThreadPool(office, job, jobStats)] : [];
  });
}

function blocksEventLoop(stats: JobStats, thresholds: AdviceThresholds): boolean {
  return stats.medianCpuMs !== undefined && stats.medianCpuMs >= thresholds.blockMs && (stats.cpuShare ?? 0) >= thresholds.cpuShare;
}

function toThreadPool(office: CatalogueOffice, job: CatalogueJob, stats: JobStats): PlacementAdvice {
  const share = Math.round((stats.cpuShare ?? 0) * 100);
  return {
    job: job.name,
    to: 'thread-pool',
    because:
      `its median run holds the event loop for ${ms(stats.medianCpuMs!)} of CPU (${share}% of its ${ms(stats.medianRunMs)} run time) ` +
      `over ${stats.runs} runs, delaying every other run on the main thread`,
    blockers: threadPoolBlockers(office, job),
  };
}

function toInline(job: CatalogueJob, stats: JobStats, thresholds: AdviceThresholds): PlacementAdvice {
  return {
    job: job.name,
    to: 'inline',
    because:
      `its median run time is ${ms(stats.medianRunMs)} over ${stats.runs} runs, ` +
      `under the ${ms(thresholds.hopMs)} that makes a hop to a worker thread and back worth it`,
    blockers: [],
  };
}

/** What would make the office refuse the job on a thread pool: the check's rules, applied ahead. */
function threadPoolBlockers(office: CatalogueOffice, job: CatalogueJob): string[] {
  const flowScoped = [...office.graph.reachableFrom(job.injections.map((injection) => injection.provider))].filter((provider) => provider.scope === 'flow');
  const uncloneable = [
    ...(job.param === undefined ? [] : [uncloneablePart(job.param.type, job.method, job.param.name)]),
    uncloneablePart(job.returns, job.method, 'its result'),
  ].filter((part) => part !== undefined);
  return [
    ...flowScoped.map((provider) => `it needs flow-scoped dependency '${provider.token.name}', which cannot cross to a worker thread`),
    ...uncloneable.map((part) => `${part.path} ${part.reason}, so it cannot be cloned to a worker thread`),
    ...(office.hasModule ? [] : ["its office names no module for the workers to import (add module: import.meta.url to defineOffice)"]),
  ];
}

/** Milliseconds as the advice prints them. */
export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}
