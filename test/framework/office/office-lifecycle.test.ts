import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { defineOffice, FlowCancelledError, JobContext, job, OfficeStateError, param, provide, UnknownFlowError } from '../../../framework/index.js';
import { capturingLogger, flowSource, startOffice, teamsSource } from '../../support/offices.js';

const log: string[] = [];
let release: () => void = () => {};

class Resource {}

class LifeJobs {
  @job()
  quick(@param() value: string, _resource: Resource): string {
    return `quick ${value}`;
  }

  @job()
  async slow(@param() value: string): Promise<string> {
    log.push(`slow ${value} started`);
    await new Promise<void>((resolve) => (release = resolve));
    log.push(`slow ${value} ended`);
    return `slow ${value}`;
  }

  @job()
  async cooperative(@param() value: string, context: JobContext): Promise<string> {
    log.push(`cooperative ${value} started`);
    await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
    log.push(`cooperative ${value} saw abort`);
    throw context.signal.reason;
  }

  @job()
  async stubborn(@param() value: string): Promise<string> {
    log.push(`stubborn ${value} started`);
    await new Promise(() => {});
    return value;
  }
}

const definition = {
  jobs: [LifeJobs],
  dependencies: [provide(Resource, { scope: 'process' as const, dispose: () => void log.push('Resource disposed') })],
  flows: flowSource({
    name: 'life',
    start: 'quick',
    nodes: {
      quick: { job: 'LifeJobs.quick' },
      slow: { job: 'LifeJobs.slow' },
      cooperative: { job: 'LifeJobs.cooperative' },
      stubborn: { job: 'LifeJobs.stubborn' },
    },
  }),
};
const quiet = { teams: teamsSource({}), logger: pino({ level: 'silent' }) };

describe('office lifecycle', () => {
  it('refuses to invoke before start and after stop, naming the state', async () => {
    const office = defineOffice(definition);
    expect(office.state).toBe('defined');
    const before = await office.invoke('life', 'x').catch((e: unknown) => e);
    expect(before).toBeInstanceOf(OfficeStateError);
    expect((before as Error).message).toBe('Cannot invoke a flow: the office is defined. Call start() first.');
    await office.start(quiet);
    expect(office.state).toBe('running');
    await expect(office.start(quiet)).rejects.toThrow('Cannot start the office: the office is running. Stop it first, or use the running office.');
    await office.stop();
    expect(office.state).toBe('stopped');
    await expect(office.invoke('life', 'x')).rejects.toThrow('Cannot invoke a flow: the office is stopped. Start the office again.');
  });

  it('starts again after a stop, and after a failed start', async () => {
    const office = defineOffice(definition);
    await expect(office.start({ ...quiet, teams: '/missing.json' })).rejects.toThrow('The office did not start: 1 problem found');
    expect(office.state).toBe('defined');
    await office.start(quiet);
    await office.stop();
    await office.start(quiet);
    await expect(office.invoke('life', 'again')).resolves.toBe('quick again');
    await office.stop();
  });

  it('rejects an unknown flow or start node with the names it knows', async () => {
    const office = await startOffice(definition);
    const error = await office.invoke('lif', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownFlowError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_OFFICE_UNKNOWN_FLOW', message: "The office has no flow named 'lif'; its flows are: 'life'." });
    await expect(office.invoke('life', 'x', { at: 'fast' })).rejects.toMatchObject({
      code: 'JOBFLOOR_OFFICE_UNKNOWN_NODE',
      message: "Flow 'life' has no node named 'fast' to start at; its nodes are: 'quick', 'slow', 'cooperative', 'stubborn'.",
    });
  });

  it('disposes process-scoped dependencies on stop', async () => {
    log.length = 0;
    const office = await startOffice(definition);
    await office.invoke('life', 'x');
    await office.stop();
    expect(log).toEqual(['Resource disposed']);
  });

  it('lets runs in flight finish before it stops, and refuses new ones meanwhile', async () => {
    log.length = 0;
    const office = await startOffice(definition);
    const running = office.invoke('life', 'a', { at: 'slow' });
    await Promise.resolve();
    const stopping = office.stop();
    expect(office.state).toBe('stopping');
    await expect(office.invoke('life', 'b')).rejects.toThrow('the office is stopping');
    release();
    await expect(running).resolves.toBe('slow a');
    await stopping;
    expect(log).toEqual(['slow a started', 'slow a ended']);
  });

  it('cancels runs still going after the drain timeout', async () => {
    log.length = 0;
    const office = await startOffice(definition);
    const running = office.invoke('life', 'a', { at: 'cooperative' }).catch((e: unknown) => e);
    await office.stop({ drainTimeoutMs: 10 });
    expect(await running).toBeInstanceOf(FlowCancelledError);
    expect(log).toEqual(['cooperative a started', 'cooperative a saw abort']);
  });

  it('abandons, with a warning, runs whose jobs ignore cancellation', async () => {
    log.length = 0;
    const { logger, lines } = capturingLogger();
    const office = await startOffice(definition, { logger });
    void office.invoke('life', 'a', { at: 'stubborn' }).catch(() => {});
    await office.stop({ drainTimeoutMs: 5, cancelTimeoutMs: 5 });
    expect(office.state).toBe('stopped');
    expect(lines.find((line) => line['level'] === 40)?.['msg']).toBe(
      'Stopping with 1 run(s) still going 5 ms after they were cancelled: their jobs ignore their AbortSignal; abandoning them.',
    );
  });

  it('returns the same promise to a second stop() while stopping', async () => {
    const office = await startOffice(definition);
    const running = office.invoke('life', 'a', { at: 'slow' });
    const first = office.stop();
    const second = office.stop();
    release();
    await Promise.all([first, second, running]);
    expect(office.state).toBe('stopped');
  });
});
