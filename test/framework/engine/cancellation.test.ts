import { describe, expect, it } from 'vitest';
import { FlowCancelledError, JobContext, job, param, provide, type DisposeOutcome } from '../../../framework/index.js';
import { flowSource, startOffice, teamsSource } from '../../support/offices.js';

const ran: string[] = [];
const disposed: DisposeOutcome[] = [];
let started: () => void = () => {};

class Session {}
class SlowResource {}

class WaitingJobs {
  @job()
  async waitForAbort(@param() _input: unknown, context: JobContext, _session: Session): Promise<string> {
    ran.push('waitForAbort');
    started();
    await new Promise((resolve) => context.signal.addEventListener('abort', resolve, { once: true }));
    ran.push(`saw abort: ${String(context.signal.reason)}`);
    return 'aborted work';
  }

  @job()
  after(@param() value: string): string {
    ran.push('after');
    return value;
  }

  @job()
  onError(@param() error: Error): string {
    ran.push(`onError ${error.constructor.name}`);
    return 'handled';
  }

  @job()
  needsSlow(@param() value: string, _slow: SlowResource): string {
    ran.push('needsSlow');
    return value;
  }
}

const flows = [
  flowSource({
    name: 'wait',
    start: 'waitForAbort',
    nodes: {
      waitForAbort: { job: 'WaitingJobs.waitForAbort', next: 'after' },
      after: { job: 'WaitingJobs.after' },
      slow: { job: 'WaitingJobs.needsSlow' },
      onError: { job: 'WaitingJobs.onError' },
    },
    escalations: { Error: 'onError' },
  }),
  flowSource({ name: 'cancel-handler', start: 'onError', nodes: { onError: { job: 'WaitingJobs.onError' } } }),
];

function waitingOffice(options: { escalations?: Record<string, string>; teams?: unknown } = {}) {
  ran.length = 0;
  disposed.length = 0;
  return startOffice(
    {
      jobs: [WaitingJobs],
      dependencies: [
        provide(Session, { scope: 'flow', dispose: (_session, outcome) => void disposed.push(outcome) }),
        provide(SlowResource, { scope: 'process', create: () => new Promise<SlowResource>(() => {}) }),
      ],
      flows,
      ...(options.escalations && { escalations: options.escalations }),
    },
    options.teams === undefined ? {} : { teams: teamsSource(options.teams) },
  );
}

function startedPromise(): Promise<void> {
  return new Promise((resolve) => (started = resolve));
}

describe('cancellation', () => {
  it('stops before the first job when the signal is already aborted', async () => {
    const office = await waitingOffice();
    const error = await office.invoke('wait', 1, { signal: AbortSignal.abort('not wanted') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowCancelledError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_FLOW_CANCELLED', cause: 'not wanted' });
    expect((error as Error).message).toMatch(/^Flow run of 'wait' \(trace [\w-]+\) was cancelled at node 'waitForAbort': not wanted$/);
    expect(ran).toEqual([]);
  });

  it("aborts the running job's signal, runs no further job and escalates FlowCancelledError", async () => {
    const office = await waitingOffice();
    const controller = new AbortController();
    const running = startedPromise();
    const outcome = office.invoke('wait', 1, { signal: controller.signal }).catch((e: unknown) => e);
    await running;
    controller.abort('user pressed stop');
    const error = await outcome;
    expect(error).toBeInstanceOf(FlowCancelledError);
    // The job returned after its signal aborted; the run stopped before the next node.
    expect((error as Error).message).toContain("at node 'after': user pressed stop");
    expect(ran).toEqual(['waitForAbort', 'saw abort: user pressed stop']);
  });

  it("runs none of the cancelled run's handlers, and disposes its flow scope as failed", async () => {
    const office = await waitingOffice();
    const controller = new AbortController();
    const running = startedPromise();
    const outcome = office.invoke('wait', 1, { signal: controller.signal }).catch((e: unknown) => e);
    await running;
    controller.abort('stop');
    await outcome;
    expect(ran).not.toContain('onError FlowCancelledError');
    expect(disposed).toEqual([{ succeeded: false, error: expect.any(FlowCancelledError) }]);
  });

  it('lets an office-level handler take the cancellation', async () => {
    const office = await waitingOffice({ escalations: { FlowCancelledError: 'cancel-handler' } });
    const controller = new AbortController();
    const running = startedPromise();
    const outcome = office.invoke('wait', 1, { signal: controller.signal });
    await running;
    controller.abort('stop');
    await expect(outcome).resolves.toBe('handled');
    expect(ran).toContain('onError FlowCancelledError');
  });

  it('leaves a team queue when cancelled while waiting for a slot', async () => {
    const teams = { teams: { one: { kind: 'event-loop', concurrency: 1 } }, assign: [{ job: 'WaitingJobs.*', team: 'one' }] };
    const office = await waitingOffice({ teams });
    const first = new AbortController();
    const running = startedPromise();
    const holder = office.invoke('wait', 1, { signal: first.signal }).catch((e: unknown) => e);
    await running;
    const second = new AbortController();
    const queued = office.invoke('wait', 2, { signal: second.signal }).catch((e: unknown) => e);
    await Promise.resolve();
    second.abort('gave up waiting');
    expect(await queued).toBeInstanceOf(FlowCancelledError);
    expect(await office.metrics.getSingleMetricAsString('jobfloor_team_queued_runs')).toContain('jobfloor_team_queued_runs{team="one"} 0');
    first.abort('done');
    await holder;
    expect(ran.filter((r) => r === 'waitForAbort')).toHaveLength(1);
  });

  it('stops waiting for a dependency that is not ready', async () => {
    const office = await waitingOffice();
    const controller = new AbortController();
    const outcome = office.invoke('wait', 'x', { at: 'slow', signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort('no patience');
    const error = await outcome;
    expect(error).toBeInstanceOf(FlowCancelledError);
    expect(ran).toEqual([]);
  });
});
