/**
 * The CPU time in job execution records, which `jobfloor teams --stats` advises from
 * (framework/engine/job-call.ts): the synchronous part of a job on the main thread, measured only
 * when someone reads the records, absent for jobs on worker threads.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { job, param, provide, type JobExecutionRecord } from '../../../framework/index.js';
import { flowSource, startOffice, teamsSource } from '../../support/offices.js';
import { poolOffice } from '../../framework/teams/thread-pool/fixtures/pool-office.js';

const SPIN_MS = 5;

/** Uses at least `ms` of CPU and of wall time: CPU use that does not depend on the machine's speed. */
function spin(ms: number): void {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (;;) {
    const used = process.cpuUsage(cpuBefore);
    if ((used.user + used.system) / 1000 >= ms && performance.now() - wallBefore >= ms) return;
  }
}

/** Created asynchronously, so that a job needing it is called only once it is ready. */
class SlowResource {}

class CpuJobs {
  @job()
  busy(@param() ms: number): number {
    spin(ms);
    return ms;
  }

  @job()
  busyAfterResource(@param() ms: number, _resource: SlowResource): number {
    spin(ms);
    return ms;
  }
}

const office = (): ReturnType<typeof startOffice> =>
  startOffice({
    jobs: [CpuJobs],
    dependencies: [provide(SlowResource, { scope: 'job', create: async () => new SlowResource() })],
    flows: [
      flowSource({ name: 'busy', start: 'busy', nodes: { busy: { job: 'CpuJobs.busy' } } }),
      flowSource({ name: 'after-resource', start: 'busy', nodes: { busy: { job: 'CpuJobs.busyAfterResource' } } }),
    ],
  });

afterEach(async () => {
  await poolOffice.stop({ drainTimeoutMs: 2000 });
});

describe('CPU time in job execution records', () => {
  it('measures the synchronous part of a job in a traced run, within its run time', async () => {
    const [record] = (await (await office()).trace('busy', SPIN_MS)).records;
    expect(record!.cpuTimeMs).toBeGreaterThanOrEqual(SPIN_MS);
    expect(record!.cpuTimeMs).toBeLessThanOrEqual(record!.runTimeMs);
  });

  it('measures for job:end listeners too', async () => {
    const started = await office();
    const records: JobExecutionRecord[] = [];
    started.events.on('job:end', (record) => records.push(record));
    await started.invoke('busy', SPIN_MS);
    expect(records[0]!.cpuTimeMs).toBeGreaterThanOrEqual(SPIN_MS);
  });

  it('measures a job that is called only once its dependency is ready', async () => {
    const [record] = (await (await office()).trace('after-resource', SPIN_MS)).records;
    expect(record!.cpuTimeMs).toBeGreaterThanOrEqual(SPIN_MS);
  });

  it('leaves it out for a job that ran on a worker thread', async () => {
    const teams = teamsSource({ teams: { cpu: { kind: 'thread-pool', threads: { min: 1, max: 1 } } }, assign: [{ job: 'PoolJobs.echo', team: 'cpu' }] });
    await poolOffice.start({ logger: pino({ level: 'silent' }), teams });
    const [record] = (await poolOffice.trace('pool', 'x', { at: 'echo' })).records;
    expect(record).toMatchObject({ job: 'PoolJobs.echo', team: 'cpu', outcome: 'completed' });
    expect(record).not.toHaveProperty('cpuTimeMs');
  });
});
