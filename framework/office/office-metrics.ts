import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobExecutionRecord } from '../engine/job-execution-record.js';
import type { Team } from '../teams/team.js';

const secondsBuckets = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 60];

type JobLabels = 'flow' | 'node' | 'job' | 'team' | 'outcome';

/**
 * The office's Prometheus metrics, in a registry of its own (so that two offices in one process
 * do not collide); serve `registry.metrics()` from a `/metrics` endpoint.
 */
export class OfficeMetrics {
  readonly registry = new Registry();
  readonly #runTime: Histogram<JobLabels>;
  readonly #queueWait: Histogram<'team'>;
  readonly #unhandled: Counter<'flow'>;
  // Children bound to their labels, so that recording a job does no label hashing.
  readonly #runTimeByLabels = new Map<string, ReturnType<Histogram<JobLabels>['labels']>>();
  readonly #queueWaitByTeam = new Map<string, ReturnType<Histogram<'team'>['labels']>>();

  constructor(teams: () => Iterable<Team>) {
    const registers = [this.registry];
    this.#runTime = new Histogram({
      name: 'jobfloor_job_run_seconds',
      help: 'Run time of job executions, waiting for dependencies included',
      labelNames: ['flow', 'node', 'job', 'team', 'outcome'],
      buckets: secondsBuckets,
      registers,
    });
    this.#queueWait = new Histogram({
      name: 'jobfloor_job_queue_wait_seconds',
      help: 'Time job executions waited for a slot on their team',
      labelNames: ['team'],
      buckets: secondsBuckets,
      registers,
    });
    this.#unhandled = new Counter({
      name: 'jobfloor_escalations_unhandled_total',
      help: 'Escalations that no handler took, by the flow they left',
      labelNames: ['flow'],
      registers,
    });
    teamGauge('jobfloor_team_active_jobs', 'Jobs running on each team now', teams, 'active', registers);
    teamGauge('jobfloor_team_queued_runs', 'Runs waiting for a slot on each team now', teams, 'queued', registers);
  }

  /** Counts one job execution. */
  observe(record: JobExecutionRecord): void {
    const key = `${record.flow}\u0000${record.node}\u0000${record.team}\u0000${record.outcome}`;
    let runTime = this.#runTimeByLabels.get(key);
    if (runTime === undefined) {
      const { flow, node, job, team, outcome } = record;
      runTime = this.#runTime.labels({ flow, node, job, team, outcome });
      this.#runTimeByLabels.set(key, runTime);
    }
    runTime.observe(record.runTimeMs / 1000);
    let queueWait = this.#queueWaitByTeam.get(record.team);
    if (queueWait === undefined) {
      queueWait = this.#queueWait.labels({ team: record.team });
      this.#queueWaitByTeam.set(record.team, queueWait);
    }
    queueWait.observe(record.queueWaitMs / 1000);
  }

  /** Counts an escalation that left a run unhandled. */
  unhandled(flow: string): void {
    this.#unhandled.inc({ flow });
  }
}

function teamGauge(name: string, help: string, teams: () => Iterable<Team>, field: 'active' | 'queued', registers: Registry[]): void {
  new Gauge({
    name,
    help,
    labelNames: ['team'],
    registers,
    collect() {
      for (const team of teams()) this.set({ team: team.name }, team.load[field]);
    },
  });
}
