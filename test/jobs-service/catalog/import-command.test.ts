/**
 * `jobfloor import` as users run it: a child process of the compiled command line (vitest's
 * globalSetup compiles the tree to JOBFLOOR_COMPILED_DIR) against an embedded database in a
 * temporary data directory.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemRepository } from '../../../jobs-service/catalog/system-repository.js';
import { PgliteDatabase } from '../../../jobs-service/database/pglite-database.js';

const jobfloor = resolve(process.env['JOBFLOOR_COMPILED_DIR']!, 'tools', 'jobfloor.js');
const examples = resolve('examples', 'definitions');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `jobfloor import ...` in `cwd` with a bare environment, so that neither DATABASE_URL nor a
 * config file of the developer's reaches the child: the data directory flag decides the database.
 */
function runImport(cwd: string, args: readonly string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [jobfloor, 'import', ...args], { cwd, env: { PATH: process.env['PATH'] ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The ids of tenant `acme`'s systems in the data directory, read after the child has exited. */
async function storedSystemIds(dataDir: string): Promise<string[]> {
  const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
  try {
    return (await systemRepository(db).list('acme')).map((system) => system.id);
  } finally {
    await db.close();
  }
}

describe('jobfloor import, run as a command', () => {
  let cwd = '';
  let dataDir = '';
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'jobfloor-import-'));
    dataDir = join(cwd, 'data');
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  const importFile = (kind: string, file: string) => runImport(cwd, [kind, file, '--tenant', 'acme', '--data-dir', dataDir]);

  it('imports the example systems, apps and queues, then updates them, printing the counts', async () => {
    const results = [];
    for (const kind of ['systems', 'apps', 'queues']) results.push(await importFile(kind, join(examples, `${kind}.json`)));
    expect(results).toEqual([
      { code: 0, stderr: '', stdout: `Imported 4 systems into tenant 'acme' from ${examples}/systems.json: 4 created, 0 updated.\n` },
      { code: 0, stderr: '', stdout: `Imported 3 apps into tenant 'acme' from ${examples}/apps.json: 3 created, 0 updated.\n` },
      { code: 0, stderr: '', stdout: `Imported 2 queues into tenant 'acme' from ${examples}/queues.json: 2 created, 0 updated.\n` },
    ]);
    const again = await importFile('systems', join(examples, 'systems.json'));
    expect(again.stdout).toBe(`Imported 4 systems into tenant 'acme' from ${examples}/systems.json: 0 created, 4 updated.\n`);
    expect(await storedSystemIds(dataDir)).toEqual(['archive', 'public-data', 'sim', 'workstation']);
  });

  it('prints every problem of a bad file with its JSON pointer, exits 1 and imports nothing', async () => {
    const good = { id: 'scratch', type: 'storage', kind: 'file', rootDir: '/srv/scratch' };
    const cluster = { id: 'cluster', type: 'execution', kind: 'sim', batchQueues: [{ name: 'q', maxNodes: -1 }] };
    const systems = [good, cluster, { ...good, id: 'relative', rootDir: 'scratch' }, good];
    writeFileSync(join(cwd, 'bad-systems.json'), JSON.stringify({ systems }, null, 2));
    expect(await importFile('systems', 'bad-systems.json')).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'jobfloor import: bad-systems.json has 3 problems; nothing was imported:',
        '  bad-systems.json#/systems/1/batchQueues/0/maxNodes: maxNodes: no negative limits (Agave\'s -1 for "no limit" is refused); omit maxNodes for no limit',
        "  bad-systems.json#/systems/2/rootDir: rootDir must be an absolute path, e.g. /srv/jobfloor/systems/local",
        "  bad-systems.json#/systems/3/id: 'scratch' is defined twice in this file; keep one definition",
        '',
      ].join('\n'),
    });
    expect(await storedSystemIds(dataDir)).not.toContain('scratch');
  });

  it('locates bad JSON by line and column and says how to fix it', async () => {
    writeFileSync(join(cwd, 'trailing-comma.json'), '{\n  "queues": [\n    { "name": "A", "priority": 1, "filter": { "all": [] } },\n  ]\n}\n');
    const run = await importFile('queues', 'trailing-comma.json');
    expect(run.code).toBe(1);
    // The middle is JSON.parse's own message, which differs between Node versions.
    expect(run.stderr).toMatch(/^jobfloor import: trailing-comma\.json:4:3: not valid JSON: [^\n]+\. Fix: remove the comma before it \(JSON has no trailing commas\); nothing was imported\.\n$/);
  });

  it('answers --help, and refuses a missing tenant or kind with the usage', async () => {
    const help = await runImport(cwd, ['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '', stdout: expect.stringContaining('Usage: jobfloor import systems|apps|queues FILE --tenant T') });
    const noTenant = await runImport(cwd, ['apps', 'apps.json']);
    expect(noTenant.code).toBe(1);
    expect(noTenant.stderr).toMatch(/^jobfloor import: --tenant is required: the tenant that the apps belong to\.\n\nUsage: /);
    const badKind = await runImport(cwd, ['jobs', 'jobs.json', '--tenant', 'acme']);
    expect(badKind.stderr).toMatch(/^jobfloor import: say what FILE defines: systems, apps or queues \(not 'jobs'\)\./);
  });
});
