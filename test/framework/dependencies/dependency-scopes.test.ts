import { describe, expect, it } from 'vitest';
import { flows, job, param, provide, type DisposeOutcome } from '../../../framework/index.js';
import { flowSource, startOffice } from '../../support/offices.js';

let created: string[] = [];
let disposed: Array<[string, DisposeOutcome]> = [];
let seen: object[] = [];

class ProcessThing {}
class FlowThing {}
class JobThing {}

interface MaybeFail {
  fail(reason: string): void;
}

class ScopeJobs {
  @job()
  first(@param() input: string, p: ProcessThing, f: FlowThing, j: JobThing): string {
    seen.push(p, f, j);
    return input;
  }

  @job()
  second(@param() input: string, p: ProcessThing, f: FlowThing, j: JobThing): string {
    seen.push(p, f, j);
    if (input === 'fail') throw new Error('second failed');
    return input;
  }

  @job()
  handle(@param() error: Error, f: FlowThing): string {
    seen.push(f);
    return `handled ${error.message}`;
  }

  @job()
  nothing(@param() input: string, @flows<MaybeFail>('fail') _f: MaybeFail): string {
    return input;
  }
}

function tracked<T>(name: string, make: () => T) {
  return {
    create: () => {
      created.push(name);
      return make();
    },
    dispose: (_value: T, outcome: DisposeOutcome) => void disposed.push([name, outcome]),
  };
}

async function scopeOffice(flowEscalations?: Record<string, string>) {
  created = [];
  disposed = [];
  seen = [];
  return startOffice({
    jobs: [ScopeJobs],
    dependencies: [
      provide(ProcessThing, { scope: 'process', ...tracked('process', () => new ProcessThing()) }),
      provide(FlowThing, { scope: 'flow', ...tracked('flow', () => new FlowThing()) }),
      provide(JobThing, { scope: 'job', ...tracked('job', () => new JobThing()) }),
    ],
    flows: flowSource({
      name: 'scopes',
      start: 'first',
      nodes: {
        first: { job: 'ScopeJobs.first', next: 'second' },
        second: { job: 'ScopeJobs.second' },
        handle: { job: 'ScopeJobs.handle' },
        nothing: { job: 'ScopeJobs.nothing', flows: { fail: 'handle' } },
      },
      ...(flowEscalations && { escalations: flowEscalations }),
    }),
  });
}

describe('dependency scopes', () => {
  it('shares a process dependency across runs, a flow dependency within a run, and makes a job dependency per job', async () => {
    const office = await scopeOffice();
    await office.invoke('scopes', 'a');
    await office.invoke('scopes', 'b');
    const [p1, f1, j1, p2, f2, j2, p3, f3, j3, p4, f4, j4] = seen;
    expect(new Set([p1, p2, p3, p4]).size).toBe(1);
    expect(f1).toBe(f2);
    expect(f3).toBe(f4);
    expect(f1).not.toBe(f3);
    expect(new Set([j1, j2, j3, j4]).size).toBe(4);
    expect(created).toEqual(['process', 'flow', 'job', 'job', 'flow', 'job', 'job']);
  });

  it('disposes a job dependency after its job and a flow dependency when the run ends, told it succeeded', async () => {
    const office = await scopeOffice();
    await office.invoke('scopes', 'a');
    expect(disposed).toEqual([
      ['job', { succeeded: true }],
      ['job', { succeeded: true }],
      ['flow', { succeeded: true }],
    ]);
  });

  it('tells them the escalation when the job or the run fails', async () => {
    const office = await scopeOffice();
    const error = await office.invoke('scopes', 'fail').catch((e: unknown) => e);
    expect(disposed).toEqual([
      ['job', { succeeded: true }],
      ['job', { succeeded: false, error }],
      ['flow', { succeeded: false, error }],
    ]);
  });

  it('counts a run whose escalation a handler took as succeeded, and the handler shares its flow dependencies', async () => {
    const office = await scopeOffice({ Error: 'handle' });
    await expect(office.invoke('scopes', 'fail')).resolves.toBe('handled second failed');
    expect(disposed.at(-1)).toEqual(['flow', { succeeded: true }]);
    expect(seen.at(-1)).toBe(seen[1]);
  });

  it('disposes process dependencies when the office stops', async () => {
    const office = await scopeOffice();
    await office.invoke('scopes', 'a');
    expect(disposed.map(([name]) => name)).not.toContain('process');
    await office.stop();
    expect(disposed.at(-1)).toEqual(['process', { succeeded: true }]);
  });

  it('creates nothing for a job that needs nothing', async () => {
    const office = await scopeOffice();
    await office.invoke('scopes', 'x', { at: 'nothing' });
    expect(created).toEqual([]);
  });
});
