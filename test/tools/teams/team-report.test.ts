/**
 * `jobfloor teams`: every job's team and the rule that decided (the runtime's own assignment), and
 * advice from recorded executions with the teams file to write.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readExecutionStats } from '../../../tools/teams/execution-stats.js';
import { defaultThresholds } from '../../../tools/teams/placement-advice.js';
import { teamReports } from '../../../tools/teams/team-report.js';
import { openFixture, shop } from '../support/fixture-projects.js';

const { catalogue } = openFixture(shop);
const stats = readExecutionStats(`${shop}/stats/records.jsonl`);

describe('jobfloor teams', () => {
  it("gives every job its team, the team's kind and the rule that decided", () => {
    const [report] = teamReports(catalogue, undefined, undefined, defaultThresholds);
    expect(report!.teamsFile).toBe(`${shop}/teams.config.json`);
    expect(report!.jobs).toHaveLength(catalogue.offices[0]!.jobs.length);
    const placed = new Map(report!.jobs.map((job) => [job.job, job]));
    expect(placed.get('PricingJobs.price')).toEqual({ job: 'PricingJobs.price', team: 'cpu', kind: 'thread-pool', reason: 'assign[0] (job "PricingJobs.price")' });
    expect(placed.get('PaymentJobs.charge')).toEqual({
      job: 'PaymentJobs.charge',
      team: 'payments',
      kind: 'event-loop',
      reason: 'assign[1] (dependency "PaymentGateway" via PaymentGateway)',
    });
    expect(placed.get('OrderJobs.validate')).toEqual({ job: 'OrderJobs.validate', team: undefined, kind: '-', reason: "no rule: runs on the previous job's team" });
    expect(report!.advice).toEqual([]);
  });

  it('uses the teams file it is given', () => {
    const [report] = teamReports(catalogue, `${shop}/broken-teams/uncloneable-class.json`, undefined, defaultThresholds);
    expect(report!.jobs.find((job) => job.job === 'ReceiptJobs.formatter')).toMatchObject({ team: 'cpu', kind: 'thread-pool' });
  });

  it('advises inline for a short thread-pool job and a thread pool for a CPU-bound main-thread job, naming what blocks a move', () => {
    const [report] = teamReports(catalogue, undefined, stats, defaultThresholds);
    expect(report!.advice.map(({ job, to, blockers }) => ({ job, to, blockers }))).toEqual([
      { job: 'PricingJobs.price', to: 'inline', blockers: [] },
      { job: 'StockJobs.count', to: 'thread-pool', blockers: [] },
      { job: 'AuditJobs.record', to: 'thread-pool', blockers: ["it needs flow-scoped dependency 'AuditLog', which cannot cross to a worker thread"] },
    ]);
    expect(report!.advice[1]!.because).toBe(
      'its median run holds the event loop for 30.0 ms of CPU (97% of its 31.0 ms run time) over 6 runs, delaying every other run on the main thread',
    );
  });

  it('prints the teams file with the change: the job rule retargeted, a new job rule first', () => {
    const [report] = teamReports(catalogue, undefined, stats, defaultThresholds);
    expect(report!.change!.edits).toEqual([
      `the rule { "job": "PricingJobs.price", "team": "cpu" } names team 'inline' instead`,
      'new rule at the top of assign: { "job": "StockJobs.count", "team": "cpu" }',
    ]);
    expect(report!.change!.config['assign']).toEqual([
      { job: 'StockJobs.count', team: 'cpu' },
      { job: 'PricingJobs.price', team: 'inline' },
      { dependency: 'PaymentGateway', team: 'payments' },
    ]);
    expect(report!.change!.config['$schema']).toBe('../../../../framework/schemas/teams.schema.json');
  });

  it('adds a thread-pool team when the teams file has none', () => {
    const [report] = teamReports(catalogue, `${shop}/stats/no-pool.teams.json`, stats, defaultThresholds);
    expect(report!.change!.config['teams']).toEqual({
      payments: { kind: 'event-loop', concurrency: 4 },
      cpu: { kind: 'thread-pool', threads: { min: 1, max: Math.max(1, availableParallelism() - 1) } },
    });
    expect(report!.change!.edits[0]).toBe(`new team 'cpu': a thread pool of 1 to ${Math.max(1, availableParallelism() - 1)} threads`);
  });

  it('follows its thresholds, and gives no advice on jobs with too few records', () => {
    const [strict] = teamReports(catalogue, undefined, stats, { ...defaultThresholds, blockMs: 40, hopMs: 0.1 });
    expect(strict!.advice).toEqual([]);
    const [lenient] = teamReports(catalogue, undefined, stats, { ...defaultThresholds, minRecords: 3 });
    expect(lenient!.advice.map((item) => item.job)).toContain('ReceiptJobs.print');
  });
});
