/**
 * `jobfloor check` on flow graphs: the shop fixture's own flows pass, and each graph under
 * shop/broken/ holds one mistake, reported with its code, file and node.
 */
import { describe, expect, it } from 'vitest';
import { openFixture, problemsOf, shop } from '../support/fixture-projects.js';

const fixture = openFixture(shop);
const shared = `${shop}/flows/shared`;
const pricing = `${shop}/flows/pricing.flow.json`;

/** Checks one broken graph with the flows it leans on (the office handler's flow, the sub-flow). */
function checkBroken(name: string, extra: string[] = []): ReturnType<typeof fixture.check> {
  return fixture.check({ flows: [`${shop}/broken/${name}`, shared, ...extra] });
}

const at = (name: string, pointer: string): string => `${shop}/broken/${name}/${name}.flow.json#${pointer}`;

describe('jobfloor check on flow graphs', () => {
  it('passes the shop, whose flows use next, goto, call, spawn, a sub-flow and handlers at node, flow and office level', () => {
    const result = fixture.check();
    expect(problemsOf(result)).toEqual([]);
    expect(result.checked.offices).toEqual(["office 'shop'"]);
    expect(result.checked.flowFiles).toEqual([`${shop}/flows/orders.flow.json`, `${shop}/flows/pricing.flow.json`, `${shop}/flows/shared/audit-failures.flow.json`]);
  });

  it.each([
    ['unknown-job', 'JOBFLOOR_FLOW_UNKNOWN_JOB', '/nodes/describe/job'],
    ['unknown-node', 'JOBFLOOR_FLOW_UNKNOWN_NODE', '/nodes/count/next'],
    ['unknown-subflow', 'JOBFLOOR_FLOW_UNKNOWN_FLOW', '/nodes/pricing/flow'],
    ['unknown-escalation-target', 'JOBFLOOR_FLOW_UNKNOWN_NODE', '/nodes/price/escalations/PriceNotFoundError'],
    ['unwired-flow-method', 'JOBFLOOR_FLOW_UNWIRED_FLOW_METHOD', '/nodes/validate/flows'],
    ['invalid-schema', 'JOBFLOOR_FLOW_INVALID', '/nodes/count'],
    ['unreachable-node', 'JOBFLOOR_CHECK_UNREACHABLE_NODE', '/nodes/describe'],
    ['next-type', 'JOBFLOOR_CHECK_NEXT_TYPE', '/nodes/validate/next'],
    ['generic-type', 'JOBFLOOR_CHECK_NEXT_TYPE', '/nodes/charge/next'],
    ['union-type', 'JOBFLOOR_CHECK_NEXT_TYPE', '/nodes/lookUp/next'],
    ['flow-argument-type', 'JOBFLOOR_CHECK_FLOW_ARGUMENT_TYPE', '/nodes/validate/flows/rejectOrder'],
    ['call-result-type', 'JOBFLOOR_CHECK_CALL_RESULT_TYPE', '/nodes/reserve/flows/checkStock'],
    ['handler-type', 'JOBFLOOR_CHECK_HANDLER_TYPE', '/nodes/charge/escalations/PaymentDeclinedError'],
    ['unhandled-escalation', 'JOBFLOOR_CHECK_UNHANDLED_ESCALATION', '/nodes/charge'],
    ['unhandled-jsdoc-escalation', 'JOBFLOOR_CHECK_UNHANDLED_ESCALATION', '/nodes/reserve'],
  ])('reports %s as %s at its node', (name, code, pointer) => {
    expect(problemsOf(checkBroken(name))).toEqual([`${code} @ ${at(name, pointer)}`]);
  });

  it("reports a sub-flow's result that does not fit the next node's @param at the sub-flow node", () => {
    const result = checkBroken('subflow-result-type', [pricing]);
    expect(problemsOf(result)).toEqual([`JOBFLOOR_CHECK_NEXT_TYPE @ ${at('subflow-result-type', '/nodes/pricing/next')}`]);
    expect(result.problems[0]!.message).toBe(
      "Node 'pricing' passes PricedOrder (from sub-flow 'pricing') to node 'print', whose job 'ReceiptJobs.print' takes @param() receipt: " +
        'Envelope<Receipt>; the TypeScript checker says PricedOrder is not assignable to it.',
    );
  });

  it('reports an unknown escalation class with the closest known one, and the escalation it leaves unhandled', () => {
    const result = checkBroken('unknown-escalation-class');
    expect(problemsOf(result)).toEqual([
      `JOBFLOOR_CHECK_UNKNOWN_ESCALATION_CLASS @ ${at('unknown-escalation-class', '/escalations/PriceNotFoundErr')}`,
      `JOBFLOOR_CHECK_UNHANDLED_ESCALATION @ ${at('unknown-escalation-class', '/nodes/price')}`,
    ]);
    expect(result.problems[0]!.message).toContain("Did you mean 'PriceNotFoundError'?");
  });

  it('names the types the checker compared, generics and unions included', () => {
    const [generic] = checkBroken('generic-type').problems;
    expect(generic!.message).toBe(
      "Node 'charge' passes Envelope<Receipt> (from job 'PaymentJobs.charge') to node 'printTotal', whose job 'ReceiptJobs.printTotal' takes " +
        '@param() total: Envelope<number>; the TypeScript checker says Envelope<Receipt> is not assignable to it.',
    );
    const [union] = checkBroken('union-type').problems;
    expect(union!.message).toContain('passes PricedOrder | undefined');
    expect(union!.message).toContain('the TypeScript checker says undefined is not assignable to it');
  });

  it('says how to fix each problem', () => {
    const [unhandled] = checkBroken('unhandled-escalation').problems;
    expect(unhandled!.message).toBe(
      "Job 'PaymentJobs.charge' declares escalation 'PaymentDeclinedError' (@job({ throws })), but no handler takes it at node 'charge', " +
        "flow 'unhandled-escalation', the office; the run would fail.",
    );
    expect(unhandled!.fix).toContain('Add "escalations": { "PaymentDeclinedError": "<handler node>" } to node \'charge\'');
    const [callResult] = checkBroken('call-result-type').problems;
    expect(callResult!.fix).toBe("Make the called nodes end with number, or change the return type of 'checkStock' in ReserveFlows.");
  });

  it("routes a called flow's escalation to the node of the job that awaits it", () => {
    expect(problemsOf(checkBroken('call-escalation'))).toEqual([]);
    expect(problemsOf(checkBroken('call-escalation-unhandled'))).toEqual([
      `JOBFLOOR_CHECK_UNHANDLED_ESCALATION @ ${at('call-escalation-unhandled', '/nodes/count')}`,
      `JOBFLOOR_CHECK_UNHANDLED_ESCALATION @ ${at('call-escalation-unhandled', '/nodes/reserve')}`,
    ]);
  });

  it('takes the flows that a sub-flow leaves unhandled as handled by the flow that runs it', () => {
    // pricing's PricingJobs.price throws PriceNotFoundError; only orders (its parent) handles it.
    expect(problemsOf(fixture.check({ flows: [pricing, shared] }))).toEqual([`JOBFLOOR_CHECK_UNHANDLED_ESCALATION @ ${pricing}#/nodes/price`]);
    expect(problemsOf(fixture.check({ flows: [`${shop}/flows`] }))).toEqual([]);
  });
});
