/**
 * The job catalogue read from the shop fixture's source: what `jobfloor catalogue` writes for other
 * tools and the editor. Types are written as the source writes them; a promise is unwrapped.
 */
import { describe, expect, it } from 'vitest';
import { catalogueJson } from '../../../tools/catalogue/catalogue-json.js';
import { lineOf, openFixture, shop } from '../support/fixture-projects.js';

interface JobJson {
  name: string;
  [key: string]: unknown;
}
interface OfficeJson {
  jobs: JobJson[];
  dependencies: unknown[];
  [key: string]: unknown;
}

const json = JSON.parse(JSON.stringify(catalogueJson(openFixture(shop).catalogue))) as { offices: OfficeJson[]; skipped: unknown[] };
const office = json.offices[0]!;
const jobNamed = (name: string): JobJson => office.jobs.find((job) => job.name === name)!;

describe('the job catalogue', () => {
  it('lists the office with its flows, teams file and office-level escalations', () => {
    expect(json.offices).toHaveLength(1);
    expect(json.skipped).toEqual([]);
    expect(office).toMatchObject({
      name: 'shop',
      file: `${shop}/office.ts`,
      line: lineOf(`${shop}/office.ts`, 'defineOffice('),
      flows: [`${shop}/flows`],
      teams: `${shop}/teams.config.json`,
      escalations: { AuditError: 'audit-failures' },
      unresolved: [],
    });
  });

  it('gives every job its class, method, place, argument and result, a promise unwrapped', () => {
    expect(jobNamed('PaymentJobs.charge')).toEqual({
      name: 'PaymentJobs.charge',
      class: 'PaymentJobs',
      method: 'charge',
      file: `${shop}/jobs/payment-jobs.ts`,
      line: lineOf(`${shop}/jobs/payment-jobs.ts`, 'async charge('),
      param: { name: 'order', type: 'PricedOrder' },
      returns: 'Envelope<Receipt>',
      context: false,
      dependencies: [{ parameter: 'gateway', dependency: 'PaymentGateway', scope: 'process' }],
      flows: {
        parameter: 'flows',
        interface: 'ChargeFlows',
        methods: [{ name: 'audit', argument: 'PricedOrder', use: 'goto', result: null, inInterface: true }],
        unlisted: [],
      },
      throws: [{ class: 'PaymentDeclinedError', chain: ['PaymentDeclinedError', 'Error'], declaredBy: '@job' }],
    });
  });

  it('tells called flow methods from gotos, with what a call resolves with', () => {
    expect((jobNamed('StockJobs.reserve')['flows'] as { methods: unknown[] }).methods).toEqual([
      { name: 'checkStock', argument: 'readonly string[]', use: 'call', result: 'number', inInterface: true },
    ]);
  });

  it('reads escalations declared in @throws JSDoc tags, with their class chain', () => {
    expect(jobNamed('StockJobs.reserve')['throws']).toEqual([{ class: 'StockError', chain: ['StockError', 'Error'], declaredBy: '@throws' }]);
  });

  it('keeps unions and unused arguments as declared', () => {
    expect(jobNamed('PricingJobs.lookUp')['returns']).toBe('PricedOrder | undefined');
    expect(jobNamed('OrderJobs.validate')['returns']).toBe('OrderRequest | undefined');
    expect(jobNamed('AuditJobs.record')['returns']).toBe('void');
  });

  it('gives every dependency its scope and what it depends on', () => {
    expect(office.dependencies).toEqual([
      { name: 'PriceList', kind: 'class', scope: 'process', dependsOn: [], file: `${shop}/office.ts`, line: lineOf(`${shop}/office.ts`, 'provide(PriceList') },
      { name: 'PaymentSettings', kind: 'class', scope: 'process', dependsOn: [], file: `${shop}/office.ts`, line: lineOf(`${shop}/office.ts`, 'provide(PaymentSettings') },
      {
        name: 'PaymentGateway',
        kind: 'class',
        scope: 'process',
        dependsOn: ['PaymentSettings'],
        file: `${shop}/office.ts`,
        line: lineOf(`${shop}/office.ts`, 'provide(PaymentGateway'),
      },
      { name: 'AuditLog', kind: 'class', scope: 'flow', dependsOn: [], file: `${shop}/office.ts`, line: lineOf(`${shop}/office.ts`, 'provide(AuditLog') },
    ]);
  });
});
