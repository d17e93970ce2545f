import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * The README's quick start: `npm start` is `jobfloor serve` in development mode on the embedded
 * database. What it prints must work as printed: the token and the curl command's body submit the
 * demo job, which runs to FINISHED.
 */
describe('the quick start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jobfloor-quick-start-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a token and a curl command that submit the demo job, which runs to FINISHED', async () => {
    const cli = join(process.env['JOBFLOOR_COMPILED_DIR']!, 'tools', 'jobfloor.js');
    child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await vi.waitFor(() => expect(output).toContain('curl -s -X POST'), { timeout: 30_000, interval: 100 });

    const token = /TOKEN=(\S+)/.exec(output)![1]!;
    const url = /curl -s -X POST (\S+)\/jobs\/v2/.exec(output)![1]!;
    const body = /-d '([^']+)'/.exec(output)![1]!;
    const submitted = await fetch(`${url}/jobs/v2`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    expect(submitted.status).toBe(202);
    const { result } = (await submitted.json()) as { result: { id: string } };

    const statusOf = async () => ((await (await fetch(`${url}/jobs/v2/${result.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { result: { status: string } }).result.status;
    await vi.waitFor(async () => expect(await statusOf()).toBe('FINISHED'), { timeout: 30_000, interval: 200 });
    const log = (await (await fetch(`${url}/jobs/v2/${result.id}/log`, { headers: { authorization: `Bearer ${token}` } })).json()) as { result: { stdout: { text: string } } };
    expect(log.result.stdout.text).toContain('hello from jobfloor');
  }, 90_000);
});
