/**
 * `jobfloor check` as a command: its exit codes (0 clean, 1 problems, 2 misuse), its report, and
 * the repository's own example, checked from the real sources.
 */
import { describe, expect, it } from 'vitest';
import { runJobfloor } from '../support/run-jobfloor.js';
import { shop } from '../support/fixture-projects.js';

const project = ['--project', `${shop}/tsconfig.json`];

describe('jobfloor check command', () => {
  it('exits 0 and says what it checked when there is nothing wrong', async () => {
    const run = await runJobfloor(['check', ...project]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`jobfloor check: 0 problems in 1 office (office 'shop'), 3 flow graphs, ${shop}/teams.config.json.`);
  });

  it('exits 1 and prints each problem with its location, code, message and fix', async () => {
    const run = await runJobfloor(['check', ...project, '--flows', `${shop}/broken/next-type`, '--flows', `${shop}/flows/shared`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `${shop}/broken/next-type/next-type.flow.json#/nodes/validate/next\n` +
        "  JOBFLOOR_CHECK_NEXT_TYPE: Node 'validate' passes OrderRequest (from job 'OrderJobs.validate') to node 'print'",
    );
    expect(run.stdout).toContain("\n  Fix: Point \"next\" of node 'validate' at a node that takes OrderRequest");
    expect(run.stdout).toContain('jobfloor check: 1 problem in 1 office');
  });

  it('prints the result as JSON with --json', async () => {
    const run = await runJobfloor(['check', ...project, '--teams', `${shop}/broken-teams/unknown-team.json`, '--json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { problems: Array<{ code: string; location: string }> };
    expect(result.problems.map((problem) => problem.code)).toEqual(['JOBFLOOR_TEAMS_UNKNOWN_TEAM']);
  });

  it('exits 2 with its help for an unknown option', async () => {
    const run = await runJobfloor(['check', '--flow', 'flows']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--flow'");
    expect(run.stderr).toContain('Usage: jobfloor check [--flows DIR]');
  });

  it("passes the framework's get-content example, read from the repository's sources", async () => {
    const teams = 'framework/examples/get-content/teams.config.json';
    const run = await runJobfloor(['check', '--flows', 'flows/examples', '--teams', teams]);
    expect(run.stdout.trim()).toBe(
      "jobfloor check: 0 problems in 1 office (office 'get-content'), 1 flow graph, framework/examples/get-content/teams.config.json.",
    );
    expect(run.code).toBe(0);
  });
});
