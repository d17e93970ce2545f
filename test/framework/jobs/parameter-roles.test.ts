import { describe, expect, it } from 'vitest';
import { createToken, flows, inject, job, JobContext, param, provide } from '../../../framework/index.js';
import { flowSource, startOffice } from '../../support/offices.js';

class Greeter {
  greet(name: string): string {
    return `hello ${name}`;
  }
}
const Punctuation = createToken<string>('Punctuation');

interface EchoFlows {
  again(text: string): void;
}

const seen: Record<string, unknown> = {};

class RoleJobs {
  /** Every role in one job, in an order that does not follow the rules' order. */
  @job()
  everything(
    context: JobContext,
    greeter: Greeter,
    @param() name: string,
    @flows<EchoFlows>('again') f: EchoFlows,
    @inject(Punctuation) mark: string,
  ): string {
    seen['context'] = { flow: context.flow, node: context.node, job: context.job, team: context.team, traceId: context.traceId };
    seen['flows'] = typeof f.again;
    return greeter.greet(name) + mark;
  }

  @job({ name: 'renamed-job' })
  named(@param() text: string): string {
    return `renamed ${text}`;
  }

  @job()
  noParameters(): string {
    return 'no parameters';
  }

  @job()
  async later(@param() text: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return `later ${text}`;
  }

  @job()
  echo(@param() text: string): string {
    return text;
  }
}

async function roleOffice() {
  return startOffice({
    jobs: [RoleJobs],
    dependencies: [provide(Greeter, { scope: 'process' }), provide(Punctuation, { scope: 'process', create: () => '!' })],
    flows: flowSource({
      name: 'roles',
      start: 'everything',
      nodes: {
        everything: { job: 'RoleJobs.everything', flows: { again: 'echo' } },
        echo: { job: 'RoleJobs.echo' },
        named: { job: 'renamed-job' },
        none: { job: 'RoleJobs.noParameters' },
        later: { job: 'RoleJobs.later' },
      },
    }),
  });
}

describe('parameter roles', () => {
  it('gives each parameter its role: @param, JobContext, a dependency by class, @flows, @inject(token)', async () => {
    const office = await roleOffice();
    await expect(office.invoke('roles', 'Ada', { traceId: 'trace-roles' })).resolves.toBe('hello Ada!');
    expect(seen).toEqual({
      context: { flow: 'roles', node: 'everything', job: 'RoleJobs.everything', team: 'inline', traceId: 'trace-roles' },
      flows: 'function',
    });
  });

  it('names a job ClassName.method unless @job({ name }) names it', async () => {
    const office = await roleOffice();
    await expect(office.invoke('roles', 'x', { at: 'named' })).resolves.toBe('renamed x');
    expect([...office.teamAssignments.keys()]).toEqual(['RoleJobs.everything', 'renamed-job', 'RoleJobs.noParameters', 'RoleJobs.later', 'RoleJobs.echo']);
  });

  it('runs a job without parameters, and awaits an async job', async () => {
    const office = await roleOffice();
    await expect(office.invoke('roles', 'ignored', { at: 'none' })).resolves.toBe('no parameters');
    await expect(office.invoke('roles', 'x', { at: 'later' })).resolves.toBe('later x');
  });
});

describe('JobContext', () => {
  class CheckinJobs {
    @job()
    report(@param() count: number, context: JobContext): string {
      context.checkin(`1 of ${count}`);
      context.logger.info({ count }, 'reporting');
      context.checkin(`${count} of ${count}`);
      return context.signal.aborted ? 'aborted' : 'running';
    }
  }

  it('reports check-ins as events and in the trace, with the trace id and names', async () => {
    const office = await startOffice({
      jobs: [CheckinJobs],
      flows: flowSource({ name: 'checkins', start: 'report', nodes: { report: { job: 'CheckinJobs.report' } } }),
    });
    const events: unknown[] = [];
    office.events.on('job:checkin', (checkin) => events.push(checkin.message));
    const trace = await office.trace('checkins', 3, { traceId: 't-1' });
    expect(trace.result).toBe('running');
    expect(events).toEqual(['1 of 3', '3 of 3']);
    expect(trace.checkins).toEqual([
      { traceId: 't-1', flow: 'checkins', node: 'report', job: 'CheckinJobs.report', team: 'inline', message: '1 of 3', at: expect.any(Number) },
      { traceId: 't-1', flow: 'checkins', node: 'report', job: 'CheckinJobs.report', team: 'inline', message: '3 of 3', at: expect.any(Number) },
    ]);
  });
});
