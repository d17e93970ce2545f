/** `jobfloor graph` as a command: formats, output files and mistakes. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runJobfloor } from '../support/run-jobfloor.js';
import { shop } from '../support/fixture-projects.js';
import { xmlViolation } from '../support/xml-well-formed.js';

const project = ['--project', `${shop}/tsconfig.json`];
const directory = mkdtempSync(path.join(tmpdir(), 'jobfloor-graph-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('jobfloor graph command', () => {
  it('writes the format that --out names by its extension', async () => {
    const out = path.join(directory, 'orders.dot');
    const run = await runJobfloor(['graph', 'orders', ...project, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`jobfloor graph: wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toMatch(/^\/\/ Flow orders, drawn by jobfloor graph\ndigraph "orders" \{/);
  });

  it('prints SVG by default, for a flow named by its file', async () => {
    const run = await runJobfloor(['graph', `${shop}/flows/pricing.flow.json`, ...project]);
    expect(run.code).toBe(0);
    expect(xmlViolation(run.stdout)).toBeUndefined();
    expect(run.stdout).toContain('data-node="price"');
  });

  it('exits 1 naming the flows there are for an unknown flow', async () => {
    const run = await runJobfloor(['graph', 'ordrs', ...project]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("jobfloor: There is no flow named 'ordrs'. Did you mean 'orders'?");
  });

  it('exits 2 for an unknown format or a missing FLOW', async () => {
    expect((await runJobfloor(['graph', 'orders', '--format', 'png', ...project])).stderr).toContain("--format must be one of svg, mermaid, dot, not 'png'.");
    const missing = await runJobfloor(['graph', ...project]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('jobfloor graph takes one FLOW');
  });
});
