import { Counter, Gauge, Registry } from 'prom-client';
import type { RuntimeNode } from '../engine/engine-host.js';
import type { Team } from '../teams/team.js';
import { SeriesHistogram, type HistogramSeries } from './histogram-series.js';

const secondsBuckets = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60];

/** A node's run-time series on one team: [completed, escalated]. */
type NodeSeries = [HistogramSeries | undefined, HistogramSeries | undefined];

/**
 * The office's Prometheus metrics, in a registry of its own (so that two offices in one process
 * do not collide); serve `registry.metrics()` from a `/metrics` endpoint.
 */
export class OfficeMetrics {
  readonly registry = new Registry();
  readonly #runTime: SeriesHistogram;
  readonly #queueWait: SeriesHistogram;
  readonly #unhandled: Counter<'flow'>;
  // Series looked up once per node and team, so that recording a job hashes nothing.
  readonly #nodeSeries = new WeakMap<RuntimeNode, Map<string, NodeSeries>>();
  readonly #queueWaitByTeam = new Map<string, HistogramSeries>();

  constructor(teams: () => Iterable<Team>) {
    this.#runTime = new SeriesHistogram(
      'jobfloor_job_run_seconds',
      'Run time of job executions, waiting for dependencies included',
      ['flow', 'node', 'job', 'team', 'outcome'],
      secondsBuckets,
      this.registry,
    );
    this.#queueWait = new SeriesHistogram(
      'jobfloor_job_queue_wait_seconds',
      'Time job executions waited for a slot on their team',
      ['team'],
      secondsBuckets,
      this.registry,
    );
    this.#unhandled = new Counter({
      name: 'jobfloor_escalations_unhandled_total',
      help: 'Escalations that no handler took, by the flow they left',
      labelNames: ['flow'],
      registers: [this.registry],
    });
    teamGauge('jobfloor_team_active_jobs', 'Jobs running on each team now', teams, 'active', this.registry);
    teamGauge('jobfloor_team_queued_runs', 'Runs waiting for a slot on each team now', teams, 'queued', this.registry);
  }

  /** Counts one job execution at `node` on `team`. */
  observe(node: RuntimeNode, team: string, failed: boolean, runTimeMs: number, queueWaitMs: number): void {
    let byTeam = this.#nodeSeries.get(node);
    if (byTeam === undefined) this.#nodeSeries.set(node, (byTeam = new Map()));
    let pair = byTeam.get(team);
    if (pair === undefined) byTeam.set(team, (pair = [undefined, undefined]));
    const outcome = failed ? 1 : 0;
    const series = (pair[outcome] ??= this.#runTime.series([node.flow.name, node.name, node.job?.name ?? '', team, failed ? 'escalated' : 'completed']));
    series.observe(runTimeMs / 1000);
    let queueWait = this.#queueWaitByTeam.get(team);
    if (queueWait === undefined) this.#queueWaitByTeam.set(team, (queueWait = this.#queueWait.series([team])));
    queueWait.observe(queueWaitMs / 1000);
  }

  /** Counts an escalation that left a run unhandled. */
  unhandled(flow: string): void {
    this.#unhandled.inc({ flow });
  }
}

function teamGauge(name: string, help: string, teams: () => Iterable<Team>, field: 'active' | 'queued', registry: Registry): void {
  new Gauge({
    name,
    help,
    labelNames: ['team'],
    registers: [registry],
    collect() {
      for (const team of teams()) this.set({ team: team.name }, team.load[field]);
    },
  });
}
