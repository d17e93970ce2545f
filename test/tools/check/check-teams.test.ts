/**
 * `jobfloor check` on teams files: each file under shop/broken-teams/ holds one mistake, reported
 * with its code, the file and the rule (and, for a job's problem, the job's source line).
 */
import { describe, expect, it } from 'vitest';
import { lineOf, openFixture, problemsOf, shop } from '../support/fixture-projects.js';

const fixture = openFixture(shop);
const teams = (name: string): string => `${shop}/broken-teams/${name}.json`;
const checkTeams = (name: string): ReturnType<typeof fixture.check> => fixture.check({ teams: teams(name) });

describe('jobfloor check on teams files', () => {
  it("passes the shop's own teams file: a thread-pool job with plain values, a dependency rule", () => {
    expect(fixture.check().checked.teamsFiles).toEqual([`${shop}/teams.config.json`]);
    expect(problemsOf(fixture.check())).toEqual([]);
  });

  it('reports a rule naming an undefined team', () => {
    expect(problemsOf(checkTeams('unknown-team'))).toEqual([`JOBFLOOR_TEAMS_UNKNOWN_TEAM @ ${teams('unknown-team')}#/assign/0/team`]);
  });

  it('reports job and dependency globs that match nothing', () => {
    const result = checkTeams('matches-nothing');
    expect(problemsOf(result)).toEqual([
      `JOBFLOOR_CHECK_RULE_MATCHES_NOTHING @ ${teams('matches-nothing')}#/assign/1/job`,
      `JOBFLOOR_CHECK_RULE_MATCHES_NOTHING @ ${teams('matches-nothing')}#/assign/2/dependency`,
    ]);
    expect(result.problems[0]!.message).toBe(`Rule assign[1] (job "PricingJobs.discount*") matches no job (the offices checked with it are office 'shop').`);
  });

  it('reports two dependency rules giving one job different teams', () => {
    const result = checkTeams('conflicting-rules');
    expect(problemsOf(result)).toEqual([`JOBFLOOR_TEAMS_CONFLICTING_RULES @ ${teams('conflicting-rules')}#/assign`]);
    expect(result.problems[0]!.message).toContain("Job 'PaymentJobs.charge' matches dependency rules that name different teams");
  });

  it('reports a thread-pool job that needs a flow-scoped dependency, at its rule and its source', () => {
    const line = lineOf(`${shop}/jobs/audit-jobs.ts`, '  record(');
    expect(problemsOf(checkTeams('flow-scope-on-thread-pool'))).toEqual([
      `JOBFLOOR_TEAMS_FLOW_SCOPE_ON_THREAD_POOL @ ${teams('flow-scope-on-thread-pool')}#/assign/0 (job AuditJobs.record, ${shop}/jobs/audit-jobs.ts:${line})`,
    ]);
  });

  it('reports a thread-pool job whose argument holds a function', () => {
    const result = checkTeams('uncloneable-function');
    const line = lineOf(`${shop}/jobs/pricing-jobs.ts`, '  applyRule(');
    expect(problemsOf(result)).toEqual([
      `JOBFLOOR_CHECK_UNCLONEABLE_ON_THREAD_POOL @ ${teams('uncloneable-function')}#/assign/0 (job PricingJobs.applyRule, ${shop}/jobs/pricing-jobs.ts:${line})`,
    ]);
    expect(result.problems[0]!.message).toContain('rule.apply in its argument is a function ((total: number) => number)');
  });

  it('reports a thread-pool job that returns a class instance with methods', () => {
    const result = checkTeams('uncloneable-class');
    expect(problemsOf(result)).toHaveLength(1);
    expect(result.problems[0]!.code).toBe('JOBFLOOR_CHECK_UNCLONEABLE_ON_THREAD_POOL');
    expect(result.problems[0]!.message).toContain('its result is ReceiptFormatter, an object with methods (format()) that a clone loses');
  });

  it('reports a teams file that fails its schema, with the pointer into it', () => {
    expect(problemsOf(checkTeams('invalid-schema'))).toEqual([`JOBFLOOR_TEAMS_INVALID @ ${teams('invalid-schema')}#/teams/cpu/kind`]);
  });
});
