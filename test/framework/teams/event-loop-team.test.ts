import { describe, expect, it } from 'vitest';
import { EventLoopTeam } from '../../../framework/teams/event-loop-team.js';
import { flows, job, param, TeamOverloadError, TeamStoppedError } from '../../../framework/index.js';
import { flowSource, startOffice, teamsSource } from '../../support/offices.js';

const events: string[] = [];
let active = 0;
let maxActive = 0;

interface LookupFlows {
  lookUp(key: string): Promise<string>;
}

class BulkheadJobs {
  @job()
  async slow(@param() id: string): Promise<string> {
    active++;
    maxActive = Math.max(maxActive, active);
    events.push(`start ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    events.push(`end ${id}`);
    active--;
    return id;
  }

  @job()
  then(@param() id: string): string {
    events.push(`then ${id}`);
    return `${id} done`;
  }

  @job()
  async outer(@param() key: string, @flows<LookupFlows>('lookUp') f: LookupFlows): Promise<string> {
    return `outer(${await f.lookUp(key)})`;
  }

  @job()
  inner(@param() key: string): string {
    return `inner ${key}`;
  }

  @job()
  shed(@param() error: TeamOverloadError): string {
    return `shed by ${error.team}`;
  }
}

const bulkheadFlow = flowSource({
  name: 'bulkhead',
  start: 'slow',
  nodes: {
    slow: { job: 'BulkheadJobs.slow', next: 'then', escalations: { TeamOverloadError: 'shed' } },
    then: { job: 'BulkheadJobs.then' },
    shed: { job: 'BulkheadJobs.shed' },
    outer: { job: 'BulkheadJobs.outer', flows: { lookUp: 'inner' } },
    inner: { job: 'BulkheadJobs.inner' },
  },
});

function bulkheadOffice(team: Record<string, unknown>) {
  events.length = 0;
  active = 0;
  maxActive = 0;
  return startOffice(
    { jobs: [BulkheadJobs], flows: bulkheadFlow },
    { teams: teamsSource({ teams: { db: { kind: 'event-loop', ...team } }, assign: [{ job: 'BulkheadJobs.slow', team: 'db' }, { job: 'BulkheadJobs.inner', team: 'db' }, { job: 'BulkheadJobs.outer', team: 'db' }] }) },
  );
}

describe('event-loop team', () => {
  it('runs at most `concurrency` of its jobs at once', async () => {
    const office = await bulkheadOffice({ concurrency: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => office.invoke('bulkhead', id)));
    expect(maxActive).toBe(2);
  });

  it('keeps the slot for the next job on the same team: a run finishes before a queued run starts', async () => {
    const office = await bulkheadOffice({ concurrency: 1 });
    const trace = office.trace('bulkhead', 'a');
    const second = office.invoke('bulkhead', 'b');
    const records = (await trace).records;
    await second;
    expect(events).toEqual(['start a', 'end a', 'then a', 'start b', 'end b', 'then b']);
    // `then` has no team of its own: it ran on the previous job's team, with no queue wait.
    expect(records.map((r) => [r.node, r.team, r.queueWaitMs])).toEqual([
      ['slow', 'db', 0],
      ['then', 'db', 0],
    ]);
  });

  it('measures the queue wait of a run that waited for a slot', async () => {
    const office = await bulkheadOffice({ concurrency: 1 });
    const first = office.invoke('bulkhead', 'a');
    const second = await office.trace('bulkhead', 'b');
    await first;
    expect(second.records[0]?.queueWaitMs).toBeGreaterThanOrEqual(5);
  });

  it('escalates TeamOverloadError when its queue is full', async () => {
    const office = await bulkheadOffice({ concurrency: 1, maxQueue: 1 });
    const results = await Promise.all(['a', 'b', 'c'].map((id) => office.invoke('bulkhead', id)));
    expect(results).toEqual(['a done', 'b done', 'shed by db']);
  });

  it('says which team, which job and what to change when it refuses', async () => {
    const office = await bulkheadOffice({ concurrency: 1, maxQueue: 0 });
    const running = office.invoke('bulkhead', 'a', { at: 'slow' });
    const error = await office.invoke('bulkhead', 'b', { at: 'outer' }).catch((e: unknown) => e);
    await running;
    expect(error).toBeInstanceOf(TeamOverloadError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_TEAM_OVERLOAD', team: 'db', maxQueue: 0, job: 'BulkheadJobs.outer' });
    expect((error as Error).message).toBe(
      "Team 'db' is overloaded: its queue already holds 0 waiting runs (maxQueue), so job 'BulkheadJobs.outer' was refused. " +
        "Handle TeamOverloadError to shed load, or raise the team's concurrency or maxQueue in the teams file.",
    );
  });

  it('lends the slot of a job awaiting a called flow to that flow: no deadlock with concurrency 1', async () => {
    const office = await bulkheadOffice({ concurrency: 1 });
    await expect(office.invoke('bulkhead', 'k', { at: 'outer' })).resolves.toBe('outer(inner k)');
  });

  it('refuses new jobs and rejects queued runs once stopped', async () => {
    const team = new EventLoopTeam('db', { concurrency: 1, maxQueue: 10 });
    const waiter = { job: 'J', signal: new AbortController().signal };
    const slot = team.admit(waiter);
    const queued = team.admit(waiter) as Promise<unknown>;
    expect(team.load).toEqual({ active: 1, queued: 1 });
    await team.stop();
    await expect(queued).rejects.toBeInstanceOf(TeamStoppedError);
    expect(() => team.admit(waiter)).toThrow("Team 'db' has stopped and takes no more jobs; the office is stopping.");
    expect(slot).toBeDefined();
  });
});
