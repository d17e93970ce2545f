import { describe, expect, it } from 'vitest';
import { job, param, type JobExecutionRecord } from '../../../framework/index.js';
import { capturingLogger, flowSource, startOffice, teamsSource } from '../../support/offices.js';

class RecordJobs {
  @job()
  async first(@param() value: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return value + 1;
  }

  @job()
  second(@param() value: number): number {
    if (value > 10) throw new RangeError('too big');
    return value * 2;
  }
}

function recordOffice() {
  return startOffice(
    {
      jobs: [RecordJobs],
      flows: flowSource({ name: 'records', start: 'first', nodes: { first: { job: 'RecordJobs.first', next: 'second' }, second: { job: 'RecordJobs.second' } } }),
    },
    { teams: teamsSource({ teams: { io: { kind: 'event-loop', concurrency: 4 } }, assign: [{ job: 'RecordJobs.first', team: 'io' }] }) },
  );
}

describe('job execution records', () => {
  it('emits one record per job execution with flow, node, job, team, queue wait, run time, CPU time and outcome', async () => {
    const office = await recordOffice();
    const records: JobExecutionRecord[] = [];
    office.events.on('job:end', (record) => records.push(record));
    const before = Date.now();
    await office.invoke('records', 1, { traceId: 'trace-a' });
    expect(records).toEqual([
      { traceId: 'trace-a', flow: 'records', node: 'first', job: 'RecordJobs.first', team: 'io', queueWaitMs: 0, runTimeMs: expect.any(Number), cpuTimeMs: expect.any(Number), outcome: 'completed', startedAt: expect.any(Number) },
      { traceId: 'trace-a', flow: 'records', node: 'second', job: 'RecordJobs.second', team: 'io', queueWaitMs: 0, runTimeMs: expect.any(Number), cpuTimeMs: expect.any(Number), outcome: 'completed', startedAt: expect.any(Number) },
    ]);
    expect(records[0]!.runTimeMs).toBeGreaterThanOrEqual(4);
    expect(records[0]!.startedAt).toBeGreaterThanOrEqual(before - 1);
    expect(records[1]!.startedAt).toBeGreaterThanOrEqual(records[0]!.startedAt + records[0]!.runTimeMs - 1);
  });

  it('gives an escalated job its outcome and class, and traces the failed run', async () => {
    const office = await recordOffice();
    const trace = await office.trace('records', 20);
    expect(trace.outcome).toBe('failed');
    expect(trace.error).toBeInstanceOf(RangeError);
    expect(trace.records.map((r) => [r.node, r.outcome, r.escalation])).toEqual([
      ['first', 'completed', undefined],
      ['second', 'escalated', 'RangeError'],
    ]);
  });

  it('stops emitting to a listener once it is removed', async () => {
    const office = await recordOffice();
    const records: unknown[] = [];
    const listener = (record: unknown): void => void records.push(record);
    office.events.on('job:end', listener);
    await office.invoke('records', 1);
    office.events.off('job:end', listener);
    await office.invoke('records', 1);
    expect(records).toHaveLength(2);
  });

  it('counts run times and queue waits in Prometheus histograms, and shows team load', async () => {
    const office = await recordOffice();
    await office.invoke('records', 1);
    await office.invoke('records', 2);
    await office.invoke('records', 20).catch(() => {});
    const text = await office.metrics.metrics();
    expect(text).toContain('# TYPE jobfloor_job_run_seconds histogram');
    expect(text).toContain('jobfloor_job_run_seconds_count{flow="records",node="first",job="RecordJobs.first",team="io",outcome="completed"} 3');
    expect(text).toContain('jobfloor_job_run_seconds_count{flow="records",node="second",job="RecordJobs.second",team="io",outcome="completed"} 2');
    expect(text).toContain('jobfloor_job_run_seconds_count{flow="records",node="second",job="RecordJobs.second",team="io",outcome="escalated"} 1');
    expect(text).toMatch(/jobfloor_job_run_seconds_bucket\{flow="records",node="first",job="RecordJobs.first",team="io",outcome="completed",le="0\.001"\} 0\n/);
    expect(text).toMatch(/jobfloor_job_run_seconds_bucket\{flow="records",node="first",job="RecordJobs.first",team="io",outcome="completed",le="0\.05"\} 3\n/);
    expect(text).toContain('jobfloor_job_run_seconds_bucket{flow="records",node="first",job="RecordJobs.first",team="io",outcome="completed",le="+Inf"} 3');
    expect(text).toContain('jobfloor_job_queue_wait_seconds_count{team="io"} 6');
    expect(text).toContain('jobfloor_team_active_jobs{team="io"} 0');
    expect(text).toContain('jobfloor_team_queued_runs{team="inline"} 0');
  });
});

describe('event listeners', () => {
  it('cannot fail a run by throwing: the error is logged and the run goes on', async () => {
    const { logger, lines } = capturingLogger();
    const office = await startOffice(
      {
        jobs: [RecordJobs],
        flows: flowSource({ name: 'records', start: 'first', nodes: { first: { job: 'RecordJobs.first', next: 'second' }, second: { job: 'RecordJobs.second' } } }),
      },
      { logger },
    );
    office.events.on('job:end', () => {
      throw new Error('listener bug');
    });
    await expect(office.invoke('records', 1)).resolves.toBe(4);
    expect(lines.filter((line) => line['msg'] === "A listener of 'job:end' threw: Error: listener bug")).toHaveLength(2);
  });
});
