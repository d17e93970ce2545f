import { threadId as mainThreadId } from 'node:worker_threads';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defineOffice,
  escalationChain,
  FlowCancelledError,
  TeamOverloadError,
  type JobCheckin,
  type OfficeStartOptions,
} from '../../../../framework/index.js';
import { capturingLogger, startupIssues, teamsSource } from '../../../support/offices.js';
import { poolOffice, ThreadLocal } from './fixtures/pool-office.js';

type PoolOptions = { min?: number; max?: number; maxQueue?: number; maxOldGenerationSizeMb?: number };

function poolTeams(jobs: string[], pool: PoolOptions = {}) {
  const { min = 1, max = 1, ...rest } = pool;
  return teamsSource({
    teams: { cpu: { kind: 'thread-pool', threads: { min, max }, ...rest } },
    assign: jobs.map((job) => ({ job, team: 'cpu' })),
  });
}

async function start(jobs: string[], pool: PoolOptions = {}, options: OfficeStartOptions = {}) {
  await poolOffice.start({ logger: pino({ level: 'silent' }), teams: poolTeams(jobs, pool), ...options });
  return poolOffice;
}

afterEach(async () => {
  await poolOffice.stop({ drainTimeoutMs: 2000 });
});

describe('thread-pool team: assignment', () => {
  it('moves a job to a worker thread by the teams file alone', async () => {
    const inline = await start([]);
    expect(await inline.invoke('pool', 'a')).toMatchObject({ threadId: mainThreadId });
    await inline.stop();
    const pooled = await start(['PoolJobs.where']);
    const result = (await pooled.invoke('pool', 'b')) as { threadId: number };
    expect(result.threadId).not.toBe(mainThreadId);
  });

  it("creates process-scoped dependencies inside each worker, lazily, one per thread; job-scoped ones there too", async () => {
    const office = await start(['PoolJobs.where', 'PoolJobs.sleep'], { min: 2, max: 2 });
    const createdOnMain = ThreadLocal.created;
    // Keep both threads busy so that each takes some of the jobs.
    const results = (await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? office.invoke('pool', `j${i}`) : office.invoke('pool', 20, { at: 'sleep' }))),
    )) as Array<{ threadId: number; serial: number; scopedThread: number } | string>;
    const placed = results.filter((r): r is { threadId: number; serial: number; scopedThread: number } => typeof r === 'object');
    for (const result of placed) {
      expect(result.serial).toBe(1);
      expect(result.scopedThread).toBe(result.threadId);
      expect(result.threadId).not.toBe(mainThreadId);
    }
    expect(ThreadLocal.created).toBe(createdOnMain);
  });
});

describe('thread-pool team: values across the thread boundary', () => {
  it('passes arguments and results by structured clone', async () => {
    const office = await start(['PoolJobs.echo']);
    const value = { when: new Date(0), tags: new Set(['a']), counts: new Map([['x', 1]]), nested: [{ deep: 'yes' }] };
    expect(await office.invoke('pool', value, { at: 'echo' })).toEqual(value);
  });

  it('names the job and where in the argument a value cannot be cloned', async () => {
    const office = await start(['PoolJobs.echo']);
    const error = await office.invoke('pool', { items: [1, { callback: () => 1 }] }, { at: 'echo' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JOBFLOOR_TEAM_UNCLONEABLE_VALUE', job: 'PoolJobs.echo', team: 'cpu' });
    expect((error as Error).message).toBe(
      "Job 'PoolJobs.echo' runs on thread-pool team 'cpu', but its argument.items[1].callback is a function, which cannot cross to another thread " +
        '(structured clone). Pass plain data (objects, arrays, strings, numbers, Dates, Maps, Sets), or run the job on a main-thread team.',
    );
  });

  it('names where in the result a value cannot be cloned', async () => {
    const office = await start(['PoolJobs.uncloneableResult']);
    const error = await office.invoke('pool', 1, { at: 'uncloneableResult' }).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('JOBFLOOR_TEAM_UNCLONEABLE_VALUE');
    expect((error as Error).message).toContain('but its result.nested.handler is a function');
  });
});

describe('thread-pool team: escalations keep their class names, code, message and stack', () => {
  it('routes them to handlers exactly as on the main thread, closest class first', async () => {
    const office = await start(['PoolJobs.fail']);
    expect(await office.invoke('pool', 'strict', { at: 'fail' })).toBe('strict handler: field x is wrong');
    expect(await office.invoke('pool', 'plain', { at: 'fail' })).toBe(
      `handled ValidationError (Error) code=E_VALIDATION field=y on thread ${mainThreadId}`,
    );
  });

  it('reach a handler that also runs on a worker as an error with the same names and details', async () => {
    const office = await start(['PoolJobs.fail', 'PoolJobs.handle']);
    const handled = (await office.invoke('pool', 'plain', { at: 'fail' })) as string;
    expect(handled).toMatch(/^handled ValidationError \(Error\) code=E_VALIDATION field=y on thread (\d+)$/);
    expect(handled).not.toBe(`handled ValidationError (Error) code=E_VALIDATION field=y on thread ${mainThreadId}`);
  });

  it('rejects an unhandled one with the original details', async () => {
    const office = await start(['PoolJobs.fail']);
    const error = (await office.invoke('pool', 'strict', { at: 'failUnhandled' }).catch((e: unknown) => e)) as Error & { code: string; field: string };
    expect(escalationChain(error)).toEqual(['StrictValidationError', 'ValidationError', 'Error']);
    expect(error).toMatchObject({ name: 'StrictValidationError', message: 'field x is wrong', code: 'E_VALIDATION', field: 'x' });
    expect(error.stack).toContain('pool-office.');
  });
});

describe('thread-pool team: flows from a worker', () => {
  it('takes a goto back to the main thread, where the next job runs', async () => {
    const office = await start(['PoolJobs.useFlows']);
    expect(await office.invoke('pool', 'redirect', { at: 'useFlows' })).toBe(`noted from worker on thread ${mainThreadId}`);
  });

  it('runs an awaited flow on the main thread and returns its result to the worker', async () => {
    const office = await start(['PoolJobs.useFlows']);
    const trace = await office.trace('pool', 'k', { at: 'useFlows' });
    expect(trace.result).toBe(`after ran on thread ${mainThreadId} with "worker got main value for k on thread ${mainThreadId}"`);
    expect(trace.records.map((r) => [r.node, r.team])).toEqual([
      ['lookUpOnMain', 'inline'],
      ['useFlows', 'cpu'],
      ['after', 'inline'],
    ]);
  });

  it("rejects the worker's await with the called flow's escalation", async () => {
    const office = await start(['PoolJobs.useFlows']);
    expect(await office.invoke('pool', 'missing', { at: 'useFlows' })).toContain('worker caught ValidationError: no missing');
  });

  it('starts a spawn as an independent run on the main thread', async () => {
    const office = await start(['PoolJobs.useFlows']);
    const notes: string[] = [];
    office.events.on('job:end', (record) => {
      if (record.node === 'note') notes.push(record.traceId);
    });
    await expect(office.invoke('pool', 'spawn', { at: 'useFlows', traceId: 't-spawn' })).resolves.toContain('spawned');
    await waitFor(() => notes.length === 1);
    expect(notes).toEqual(['t-spawn']);
  });
});

describe('thread-pool team: JobContext on a worker', () => {
  it('forwards log lines, check-ins and the trace id to the main thread', async () => {
    const { logger, lines } = capturingLogger();
    const office = await start(['PoolJobs.context'], {}, { logger });
    const checkins: JobCheckin[] = [];
    office.events.on('job:checkin', (checkin) => checkins.push(checkin));
    const result = (await office.invoke('pool', 'hi', { at: 'context', traceId: 'trace-w' })) as Record<string, unknown>;
    expect(result).toMatchObject({ traceId: 'trace-w', flow: 'pool', node: 'context', job: 'PoolJobs.context', team: 'cpu' });
    expect(result['threadId']).not.toBe(mainThreadId);
    expect(lines.find((line) => line['msg'] === 'hello from a worker')).toMatchObject({
      level: 30,
      text: 'hi',
      traceId: 'trace-w',
      job: 'PoolJobs.context',
      team: 'cpu',
      office: 'pool-office',
    });
    expect(checkins).toEqual([expect.objectContaining({ message: 'checking in hi', traceId: 'trace-w', team: 'cpu' })]);
  });

  it("aborts the job's signal on the worker when the run is cancelled", async () => {
    const office = await start(['PoolJobs.context']);
    const controller = new AbortController();
    const checkins: string[] = [];
    office.events.on('job:checkin', (checkin) => checkins.push(checkin.message));
    const outcome = office.trace('pool', 'wait', { at: 'context', signal: controller.signal });
    await waitFor(() => checkins.length === 1);
    controller.abort('user stop');
    expect((await outcome).result).toBe('saw abort: user stop');
  });

  it('takes a cancelled job out of the queue before it reaches a thread', async () => {
    const office = await start(['PoolJobs.sleep']);
    const busy = office.invoke('pool', 50, { at: 'sleep' });
    const controller = new AbortController();
    const queued = office.invoke('pool', 10, { at: 'sleep', signal: controller.signal }).catch((e: unknown) => e);
    controller.abort('not needed');
    expect(await queued).toBeInstanceOf(FlowCancelledError);
    await busy;
  });
});

describe('thread-pool team: limits and failures', () => {
  it('escalates TeamOverloadError when the queue is full', async () => {
    const office = await start(['PoolJobs.sleep'], { maxQueue: 1 });
    await office.invoke('pool', 1, { at: 'sleep' }); // the thread is up: one job runs, one waits, the third is refused
    const results = await Promise.all([30, 30, 30].map((ms) => office.invoke('pool', ms, { at: 'sleep' }).catch((e: unknown) => e)));
    expect(results.slice(0, 2)).toEqual([`after ran on thread ${mainThreadId} with 30`, `after ran on thread ${mainThreadId} with 30`]);
    expect(results[2]).toBeInstanceOf(TeamOverloadError);
    expect(results[2]).toMatchObject({ team: 'cpu', maxQueue: 1, job: 'PoolJobs.sleep' });
  });

  it("escalates an error for a job whose thread exits, and keeps serving", async () => {
    const office = await start(['PoolJobs.crash', 'PoolJobs.echo']);
    const error = await office.invoke('pool', 'exit', { at: 'crash' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JOBFLOOR_TEAM_WORKER_CRASHED', job: 'PoolJobs.crash', team: 'cpu' });
    expect((error as Error).message).toContain("The worker thread of team 'cpu' running job 'PoolJobs.crash' died: worker exited with code: 7.");
    await expect(office.invoke('pool', 'still here', { at: 'echo' })).resolves.toBe('still here');
  });

  it('escalates an error for a job that runs its thread out of memory, and keeps serving', async () => {
    const office = await start(['PoolJobs.crash', 'PoolJobs.echo'], { maxOldGenerationSizeMb: 32 });
    const error = (await office.invoke('pool', 'memory', { at: 'crash' }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'JOBFLOOR_TEAM_WORKER_CRASHED' });
    expect((error.cause as { code?: string }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
    await expect(office.invoke('pool', 'still here', { at: 'echo' })).resolves.toBe('still here');
  });

  it('records the team each job ran on and its queue wait', async () => {
    const office = await start(['PoolJobs.sleep']);
    const waits = async (): Promise<number> => {
      const text = await office.metrics.getSingleMetricAsString('jobfloor_job_queue_wait_seconds');
      return Number(/jobfloor_job_queue_wait_seconds_count\{team="cpu"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const before = await waits();
    const first = office.trace('pool', 40, { at: 'sleep' });
    const second = await office.trace('pool', 10, { at: 'sleep' });
    const [sleepRecord, afterRecord] = second.records;
    expect(sleepRecord).toMatchObject({ node: 'sleep', team: 'cpu', outcome: 'completed' });
    expect(sleepRecord!.queueWaitMs).toBeGreaterThan(20);
    expect(sleepRecord!.runTimeMs).toBeGreaterThanOrEqual(9);
    expect(afterRecord).toMatchObject({ node: 'after', team: 'inline' });
    expect((await first).records[0]!.queueWaitMs).toBeLessThan(sleepRecord!.queueWaitMs);
    expect((await waits()) - before).toBe(2);
  });

  it('cancels work still running when the office stops, and ends the threads', async () => {
    const office = await start(['PoolJobs.context']);
    const checkins: string[] = [];
    office.events.on('job:checkin', (checkin) => checkins.push(checkin.message));
    const running = office.trace('pool', 'wait', { at: 'context' });
    await waitFor(() => checkins.length === 1);
    await office.stop({ drainTimeoutMs: 10 });
    expect((await running).result).toMatch(/^saw abort: the office is stopping/);
    expect(office.state).toBe('stopped');
  });
});

describe('thread-pool team: start-up checks', () => {
  it('refuses a thread-pool job that needs a flow-scoped dependency', async () => {
    const issues = await startupIssues(poolOffice.definition, { teams: poolTeams(['PoolJobs.needsRequest']) });
    expect(issues).toEqual([
      {
        code: 'JOBFLOOR_TEAMS_FLOW_SCOPE_ON_THREAD_POOL',
        location: 'job PoolJobs.needsRequest',
        message:
          "Job 'PoolJobs.needsRequest' is assigned to thread-pool team 'cpu' by assign[0] (job \"PoolJobs.needsRequest\"), but it needs dependency " +
          "'Request', which is flow-scoped: a flow run's dependencies stay on the main thread.",
        fix: "Make 'Request' process- or job-scoped, pass what the job needs as its argument, or assign the job to a main-thread team.",
      },
    ]);
  });

  it('refuses a thread-pool team when the office names no module for its workers', async () => {
    const { module: _module, ...withoutModule } = poolOffice.definition;
    const issues = await startupIssues(withoutModule, { teams: poolTeams(['PoolJobs.echo']) });
    expect(issues).toEqual([expect.objectContaining({ code: 'JOBFLOOR_OFFICE_NO_MODULE', location: 'test/teams.config.json#/teams/cpu' })]);
  });

  it('validates the thread settings', async () => {
    const issues = await startupIssues(poolOffice.definition, {
      teams: teamsSource({ teams: { cpu: { kind: 'thread-pool', threads: { min: 3, max: 2 } } }, assign: [] }),
    });
    expect(issues.map((i) => [i.location, i.message])).toEqual([['test/teams.config.json#/teams/cpu/threads/min', 'threads.min must not exceed threads.max.']]);
  });

  it('needs no module when no thread-pool team is defined', async () => {
    const { module: _module, ...withoutModule } = poolOffice.definition;
    const office = defineOffice(withoutModule);
    await office.start({ logger: pino({ level: 'silent' }), teams: teamsSource({}) });
    await office.stop();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
