/**
 * `jobfloor check` on office modules: what the office's start-up refuses in its jobs and
 * dependencies (decided by the runtime's own rules), and what only the source shows. Each module
 * of broken-offices/ holds one mistake.
 */
import { describe, expect, it } from 'vitest';
import { brokenOffices, lineOf, openFixture, problemsOf } from '../support/fixture-projects.js';

const fixture = openFixture(brokenOffices);
const at = (file: string, text: string, what: string): string => `${brokenOffices}/${file}.ts:${lineOf(`${brokenOffices}/${file}.ts`, text)} (${what})`;

describe('jobfloor check on office modules', () => {
  it('reports each start-up refusal at the source line of the job, class or provide() call', () => {
    expect(problemsOf(fixture.check())).toEqual([
      `JOBFLOOR_OFFICE_NO_MODULE @ no-module.teams.json#/teams/cpu`,
      `JOBFLOOR_JOB_CLASS_WITHOUT_JOBS @ ${at('class-without-jobs', 'class Helpers', 'class Helpers')}`,
      `JOBFLOOR_DEPENDENCY_CYCLE @ ${at('dependency-cycle', 'provide(Chicken', 'dependency Chicken')}`,
      `JOBFLOOR_JOB_DUPLICATE_NAME @ ${at('duplicate-job-names', 'daily()', 'job report')}`,
      `JOBFLOOR_JOB_DUPLICATE_PARAM @ ${at('duplicate-param', 'add(', 'job SumJobs.add')}`,
      `JOBFLOOR_CHECK_UNLISTED_FLOW_METHOD @ ${at('flow-interface', '  route(', 'job RouteJobs.route')}`,
      `JOBFLOOR_CHECK_FLOW_METHOD_NOT_IN_INTERFACE @ ${at('flow-interface', '  detour(', 'job RouteJobs.detour')}`,
      `JOBFLOOR_DEPENDENCY_NO_FACTORY @ ${at('no-factory', 'provide(Greeting', 'dependency Greeting')}`,
      `JOBFLOOR_CHECK_OFFICE_NOT_STATIC @ ${brokenOffices}/not-static.ts:${lineOf(`${brokenOffices}/not-static.ts`, 'chooseJobs(process.env)')}`,
      `JOBFLOOR_DEPENDENCY_SCOPE_MISMATCH @ ${at('scope-mismatch', 'provide(Repository', 'dependency Repository')}`,
      `JOBFLOOR_FLOW_UNKNOWN_FLOW @ ${brokenOffices}/unknown-office-handler.ts:${lineOf(`${brokenOffices}/unknown-office-handler.ts`, 'defineOffice(')}#/escalations/Error`,
      `JOBFLOOR_JOB_UNREGISTERED_DEPENDENCY @ ${at('unregistered-dependency', 'tick(', 'job TickJobs.tick')}`,
      `JOBFLOOR_JOB_UNTYPED_PARAMETER @ ${at('untyped-parameter', 'describe(', 'job SettingsJobs.describe')}`,
    ]);
  });

  it('uses the messages of the runtime, which decided them', () => {
    const unregistered = fixture.check().problems.find((problem) => problem.code === 'JOBFLOOR_JOB_UNREGISTERED_DEPENDENCY');
    expect(unregistered).toMatchObject({
      message: "Parameter 'clock' (#1) of job 'TickJobs.tick' needs dependency 'Clock', which no provider supplies.",
      fix: "Add provide(Clock, { scope: 'process' | 'flow' | 'job', ... }) to defineOffice({ dependencies }).",
    });
  });

  it('names the office that lacks a module for its thread-pool team', () => {
    const noModule = fixture.check().problems.find((problem) => problem.code === 'JOBFLOOR_OFFICE_NO_MODULE');
    expect(noModule!.message).toContain(`(office 'no-module', ${brokenOffices}/no-module.ts:${lineOf(`${brokenOffices}/no-module.ts`, 'defineOffice(')})`);
  });

  it('lists the unlisted flow method in the fix', () => {
    const unlisted = fixture.check().problems.find((problem) => problem.code === 'JOBFLOOR_CHECK_UNLISTED_FLOW_METHOD');
    expect(unlisted!.fix).toBe("List it: @flows<RouteFlows>('toLeft', 'toRight'), and wire it in the flow graphs.");
  });
});
