/** `jobfloor teams` as a command. */
import { describe, expect, it } from 'vitest';
import { runJobfloor } from '../support/run-jobfloor.js';
import { shop } from '../support/fixture-projects.js';

const project = ['--project', `${shop}/tsconfig.json`];

describe('jobfloor teams command', () => {
  it('prints a table of jobs, teams and rules, then the advice and the teams file to write', async () => {
    const run = await runJobfloor(['teams', ...project, '--stats', `${shop}/stats/records.jsonl`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`office 'shop', teams file ${shop}/teams.config.json:\n  JOB `);
    expect(run.stdout).toMatch(/\n {2}PricingJobs\.price +cpu +thread-pool +assign\[0\] \(job "PricingJobs\.price"\)\n/);
    expect(run.stdout).toContain(`Advice from ${shop}/stats/records.jsonl:\n  PricingJobs.price: run it inline;`);
    expect(run.stdout).toContain("    cannot move yet: it needs flow-scoped dependency 'AuditLog', which cannot cross to a worker thread.");
    const written = JSON.parse(run.stdout.slice(run.stdout.indexOf('The teams file after the change:\n') + 33)) as { assign: unknown[] };
    expect(written.assign[0]).toEqual({ job: 'StockJobs.count', team: 'cpu' });
  });

  it('exits 2 for a threshold that is not a number', async () => {
    const run = await runJobfloor(['teams', ...project, '--block-ms', 'soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--block-ms takes a non-negative number, not 'soon'.");
  });
});
