import { describe, expect, it } from 'vitest';
import { FlowMisuseError, flows, job, param } from '../../../framework/index.js';
import { flowSource, startOffice } from '../../support/offices.js';

interface BranchFlows {
  toUpper(text: string): void;
  toLower(text: string): void;
}

const ran: string[] = [];

class TextJobs {
  @job()
  trim(@param() text: string): string {
    ran.push('trim');
    return text.trim();
  }

  @job()
  async exclaim(@param() text: string): Promise<string> {
    ran.push('exclaim');
    await new Promise((resolve) => setTimeout(resolve, 1));
    return `${text}!`;
  }

  @job()
  branch(@param() text: string, @flows<BranchFlows>('toUpper', 'toLower') f: BranchFlows): string {
    ran.push('branch');
    if (text.startsWith('up:')) f.toUpper(text.slice(3));
    else if (text.startsWith('down:')) f.toLower(text.slice(5));
    else if (text === 'both') {
      f.toUpper('a');
      f.toLower('b');
    }
    return `next:${text}`;
  }

  @job()
  upper(@param() text: string): string {
    ran.push('upper');
    return text.toUpperCase();
  }

  @job()
  lower(@param() text: string): string {
    ran.push('lower');
    return text.toLowerCase();
  }

  @job()
  wrap(@param() text: string): string {
    ran.push('wrap');
    return `[${text}]`;
  }
}

const textFlow = flowSource({
  name: 'text',
  start: 'trim',
  nodes: {
    trim: { job: 'TextJobs.trim', next: 'exclaim' },
    exclaim: { job: 'TextJobs.exclaim', next: 'branch' },
    branch: { job: 'TextJobs.branch', next: 'wrap', flows: { toUpper: 'upper', toLower: 'lower' } },
    upper: { job: 'TextJobs.upper', next: 'wrap' },
    lower: { job: 'TextJobs.lower' },
    wrap: { job: 'TextJobs.wrap' },
  },
});

async function textOffice() {
  ran.length = 0;
  return startOffice({ jobs: [TextJobs], flows: textFlow });
}

describe('next', () => {
  it("passes each job's result, awaited when it is a promise, to the next job's @param", async () => {
    const office = await textOffice();
    await expect(office.invoke('text', '  hi ')).resolves.toBe('[next:hi!]');
    expect(ran).toEqual(['trim', 'exclaim', 'branch', 'wrap']);
  });

  it('ends the flow at a node without next, whose result is the flow result', async () => {
    const office = await textOffice();
    await expect(office.invoke('text', 'down:Quiet', { at: 'branch' })).resolves.toBe('quiet');
    expect(ran).toEqual(['branch', 'lower']);
  });

  it('starts at a named node with the argument given', async () => {
    const office = await textOffice();
    await expect(office.invoke('text', 'x', { at: 'upper' })).resolves.toBe('[X]');
    expect(ran).toEqual(['upper', 'wrap']);
  });
});

describe('goto flow', () => {
  it("runs the wired node instead of next, with the flow's argument; the job's return value is dropped", async () => {
    const office = await textOffice();
    await expect(office.invoke('text', 'up:abc', { at: 'branch' })).resolves.toBe('[ABC]');
    expect(ran).toEqual(['branch', 'upper', 'wrap']);
  });

  it('continues along the wired node\'s own next, which may end the flow elsewhere', async () => {
    const office = await textOffice();
    await expect(office.invoke('text', 'down:ABC', { at: 'branch' })).resolves.toBe('abc');
    expect(ran).not.toContain('wrap');
  });

  it('records the flow taken in the job execution record', async () => {
    const office = await textOffice();
    const trace = await office.trace('text', 'up:x', { at: 'branch' });
    expect(trace.records.map((r) => [r.node, r.goto])).toEqual([
      ['branch', 'toUpper'],
      ['upper', undefined],
      ['wrap', undefined],
    ]);
  });

  it('escalates FlowMisuseError when a job calls two flows without awaiting either', async () => {
    const office = await textOffice();
    const error = await office.invoke('text', 'both', { at: 'branch' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowMisuseError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_FLOW_MULTIPLE_GOTO' });
    expect((error as Error).message).toContain("Job 'TextJobs.branch' called 2 flows without awaiting them (toUpper, toLower)");
    expect(ran).toEqual(['branch']);
  });
});
