import { describe, expect, it } from 'vitest';
import { FlowMisuseError, flows, job, param, provide, type Office } from '../../../framework/index.js';
import { flowSource, startOffice } from '../../support/offices.js';

class QuoteError extends Error {}
class AuditError extends Error {}

interface PriceFlows {
  quote(item: string): Promise<number>;
  audit(entry: string): void;
}

const events: string[] = [];
let releaseAudit: () => void = () => {};
let laterFlows: PriceFlows | undefined;

class RunScoped {
  static created = 0;
  readonly id = ++RunScoped.created;
}

class ShopJobs {
  @job()
  async total(@param() items: string[], @flows<PriceFlows>('quote', 'audit') f: PriceFlows): Promise<number> {
    let sum = 0;
    for (const item of items) sum += await f.quote(item);
    events.push(`total=${sum}`);
    return sum;
  }

  @job()
  async totalOrZero(@param() items: string[], @flows<PriceFlows>('quote', 'audit') f: PriceFlows): Promise<number> {
    try {
      return await f.quote(items[0]!);
    } catch (error) {
      events.push(`caught ${(error as Error).constructor.name}`);
      return 0;
    }
  }

  @job()
  async totalUncaught(@param() items: string[], @flows<PriceFlows>('quote', 'audit') f: PriceFlows): Promise<number> {
    return f.quote(items[0]!);
  }

  @job()
  lookUp(@param() item: string): number {
    events.push(`lookUp ${item}`);
    if (item === 'broken') throw new QuoteError(`no price for ${item}`);
    return item.length;
  }

  @job()
  double(@param() price: number): number {
    return price * 2;
  }

  @job()
  fallbackPrice(@param() error: QuoteError): number {
    events.push(`fallback for ${error.message}`);
    return 100;
  }

  @job()
  officeHandler(@param() error: AuditError): number {
    events.push(`office handler for ${error.message}`);
    return -2;
  }

  @job()
  flowHandler(@param() error: QuoteError): number {
    events.push(`flow handler for ${error.message}`);
    return -1;
  }

  @job()
  checkout(@param() total: number, @flows<PriceFlows>('quote', 'audit') f: PriceFlows, run: RunScoped): string {
    events.push(`checkout in run ${run.id}`);
    void f.audit(`total ${total}`);
    return `paid ${total}`;
  }

  @job()
  async writeAudit(@param() entry: string, run: RunScoped): Promise<void> {
    events.push(`audit started in run ${run.id}`);
    await new Promise<void>((resolve) => (releaseAudit = resolve));
    events.push(`audited ${entry}`);
    if (entry === 'total 0') throw new AuditError('audit of an empty total');
  }

  @job()
  keepFlows(@param() items: string[], @flows<PriceFlows>('quote', 'audit') f: PriceFlows): string {
    laterFlows = f;
    return items.join();
  }
}

const shopFlow = flowSource({
  name: 'shop',
  start: 'total',
  nodes: {
    total: { job: 'ShopJobs.total', next: 'checkout', flows: { quote: 'lookUp', audit: 'writeAudit' } },
    totalOrZero: { job: 'ShopJobs.totalOrZero', flows: { quote: 'lookUp', audit: 'writeAudit' } },
    totalUncaught: {
      job: 'ShopJobs.totalUncaught',
      flows: { quote: 'lookUp', audit: 'writeAudit' },
      escalations: { QuoteError: 'fallbackPrice' },
    },
    quoteWithHandler: { job: 'ShopJobs.totalOrZero', flows: { quote: 'lookUpHandled', audit: 'writeAudit' } },
    lookUp: { job: 'ShopJobs.lookUp', next: 'double' },
    lookUpHandled: { job: 'ShopJobs.lookUp', next: 'double', escalations: { QuoteError: 'fallbackPrice' } },
    double: { job: 'ShopJobs.double' },
    fallbackPrice: { job: 'ShopJobs.fallbackPrice' },
    flowHandler: { job: 'ShopJobs.flowHandler' },
    checkout: { job: 'ShopJobs.checkout', flows: { quote: 'lookUp', audit: { to: 'writeAudit', spawn: true } } },
    writeAudit: { job: 'ShopJobs.writeAudit' },
    keepFlows: { job: 'ShopJobs.keepFlows', flows: { quote: 'lookUp', audit: 'writeAudit' } },
  },
  escalations: { QuoteError: 'flowHandler' },
});

async function shopOffice(escalations?: Record<string, string>): Promise<Office> {
  events.length = 0;
  const handlerFlow = flowSource({ name: 'office-handler', start: 'handle', nodes: { handle: { job: 'ShopJobs.officeHandler' } } });
  return startOffice({
    jobs: [ShopJobs],
    dependencies: [provide(RunScoped, { scope: 'flow' })],
    flows: [shopFlow, handlerFlow],
    ...(escalations && { escalations }),
  });
}

describe('call flow (an awaited flow method)', () => {
  it("runs the wired node's chain now and returns its result to the awaiting job", async () => {
    const office = await shopOffice();
    const trace = await office.trace('shop', ['ab', 'cde'], { at: 'total' });
    expect(events.slice(0, 3)).toEqual(['lookUp ab', 'lookUp cde', 'total=10']);
    expect(trace.records.map((r) => r.node).slice(0, 5)).toEqual(['lookUp', 'double', 'lookUp', 'double', 'total']);
    releaseAudit();
  });

  it('rejects the await with an escalation of the called flow, which the job may catch', async () => {
    const office = await shopOffice();
    await expect(office.invoke('shop', ['broken'], { at: 'totalOrZero' })).resolves.toBe(0);
    expect(events).toEqual(['lookUp broken', 'caught QuoteError']);
  });

  it("does not apply the flow's own escalations inside the called flow: the caller sees the error first", async () => {
    const office = await shopOffice();
    await office.invoke('shop', ['broken'], { at: 'totalOrZero' });
    expect(events).not.toContain('flow handler for no price for broken');
  });

  it("escalates from the caller's node when the job lets the rejection through", async () => {
    const office = await shopOffice();
    await expect(office.invoke('shop', ['broken'], { at: 'totalUncaught' })).resolves.toBe(100);
    expect(events).toEqual(['lookUp broken', 'fallback for no price for broken']);
  });

  it('lets node-level handlers inside the called flow handle, and returns their result', async () => {
    const office = await shopOffice();
    await expect(office.invoke('shop', ['broken'], { at: 'quoteWithHandler' })).resolves.toBe(100);
    expect(events).toEqual(['lookUp broken', 'fallback for no price for broken']);
  });

  it('refuses a flow method called after the job returned', async () => {
    const office = await shopOffice();
    await office.invoke('shop', ['a'], { at: 'keepFlows' });
    expect(() => laterFlows!.quote('late')).toThrow(FlowMisuseError);
    expect(() => laterFlows!.quote('late')).toThrow("Job 'ShopJobs.keepFlows' called flow 'quote' after it had returned");
  });
});

describe('spawn', () => {
  it('starts an independent run that the caller does not wait for', async () => {
    const office = await shopOffice();
    const first = RunScoped.created + 1;
    await expect(office.invoke('shop', 5, { at: 'checkout' })).resolves.toBe('paid 5');
    expect(events).toEqual([`checkout in run ${first}`, `audit started in run ${first + 1}`]);
    releaseAudit();
    await vi_waitFor(() => events.includes('audited total 5'));
  });

  it('gives the spawned run its own flow-scoped dependencies', async () => {
    const office = await shopOffice();
    const before = RunScoped.created;
    await office.invoke('shop', 5, { at: 'checkout' });
    releaseAudit();
    await vi_waitFor(() => events.includes('audited total 5'));
    expect(RunScoped.created - before).toBe(2);
  });

  it("sends the spawned run's unhandled escalations to the office handler, not to the caller", async () => {
    const office = await shopOffice({ AuditError: 'office-handler' });
    await expect(office.invoke('shop', 0, { at: 'checkout' })).resolves.toBe('paid 0');
    releaseAudit();
    await vi_waitFor(() => events.includes('office handler for audit of an empty total'));
  });

  it('logs an unhandled escalation of a spawned run and tells listeners, with no one to reject', async () => {
    const office = await shopOffice();
    const unhandled: unknown[] = [];
    office.events.on('escalation:unhandled', (event) => unhandled.push(event.error));
    await office.invoke('shop', 0, { at: 'checkout' });
    releaseAudit();
    await vi_waitFor(() => unhandled.length === 1);
    expect(unhandled[0]).toBeInstanceOf(AuditError);
  });
});

async function vi_waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
