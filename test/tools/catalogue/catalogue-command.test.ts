/** `jobfloor catalogue` as a command: JSON to standard output or a file. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJobfloor } from '../support/run-jobfloor.js';
import { brokenOffices, shop } from '../support/fixture-projects.js';

const directory = mkdtempSync(path.join(tmpdir(), 'jobfloor-catalogue-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('jobfloor catalogue command', () => {
  it('writes the catalogue to --out', async () => {
    const out = path.join(directory, 'catalogue.json');
    const run = await runJobfloor(['catalogue', '--project', `${shop}/tsconfig.json`, '--out', out]);
    expect(run.code).toBe(0);
    const catalogue = JSON.parse(readFileSync(out, 'utf8')) as { offices: Array<{ name: string; jobs: Array<{ name: string }> }> };
    expect(catalogue.offices.map((office) => office.name)).toEqual(['shop']);
    expect(catalogue.offices[0]!.jobs.map((job) => job.name)).toContain('StockJobs.reserve');
  });

  it('lists what it could not read of an office', async () => {
    const run = await runJobfloor(['catalogue', '--project', `${brokenOffices}/tsconfig.json`]);
    const catalogue = JSON.parse(run.stdout) as { offices: Array<{ name: string; unresolved: Array<{ what: string }> }> };
    const notStatic = catalogue.offices.find((office) => office.name === 'not-static')!;
    expect(notStatic.unresolved.map((part) => part.what)).toEqual(['job class chooseJobs(process.env) (not a class or an array of classes the catalogue can follow)']);
  });

  it('exits 1 naming a tsconfig that is not there', async () => {
    const run = await runJobfloor(['catalogue', '--project', 'nowhere/tsconfig.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('jobfloor: There is no tsconfig at nowhere/tsconfig.json; name one with --project FILE.\n');
  });
});
