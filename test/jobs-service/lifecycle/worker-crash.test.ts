import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mintDevelopmentToken } from '../../../jobs-service/auth/index.js';
import { happyPath, installLifecycleCatalog, lifecycleRoots } from '../../support/lifecycle-catalog.js';
import { useServiceDatabase } from '../../support/service-database.js';
import { freePort } from '../../support/free-port.js';

describe('a worker process killed while its job is RUNNING, on PostgreSQL', () => {
  const database = useServiceDatabase('postgres');
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'jobfloor-crash-'));
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  function serve(...flags: string[]): ChildProcess {
    const cli = join(process.env['JOBFLOOR_COMPILED_DIR']!, 'tools', 'jobfloor.js');
    const child = spawn(process.execPath, [cli, 'serve', '--data-dir', dir, '--config', join(dir, 'jobfloor.config.json'), '--log-level', 'silent', ...flags], {
      env: { ...process.env, DATABASE_URL: database.url! },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  }

  it('is replaced by another worker process that finishes the job, with no phase run twice', async () => {
    // Short leases and status checks, so the takeover happens within the test.
    writeFileSync(join(dir, 'jobfloor.config.json'), JSON.stringify({ worker: { leaseMs: 1500, monitorInitialDelayMs: 100, monitorMaxDelayMs: 300 } }));
    const roots = lifecycleRoots(dir);
    writeFileSync(join(roots.store, 'none.txt'), '');
    await installLifecycleCatalog(database.db, 'crash', roots);
    const port = await freePort();
    serve('--api', '--port', String(port));
    const firstWorker = serve('--worker');
    const url = `http://127.0.0.1:${port}`;
    await vi.waitFor(async () => expect((await fetch(`${url}/health`).catch(() => undefined))?.status).toBe(200), { timeout: 20_000, interval: 100 });
    const token = await mintDevelopmentToken({ dataDir: dir, tenant: 'crash', user: 'crash-user' });
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return ((await response.json()) as { result: Record<string, unknown> }).result;
    };
    // The app appends to runs.txt when it starts: a second start would add a second line.
    const script = 'echo started >> runs.txt; sleep 3; echo done > out.txt';
    const { id } = (await call('POST', '/jobs/v2', { name: 'survivor', appId: 'shell-app', parameters: { script } })) as { id: string };
    await vi.waitFor(async () => expect((await call('GET', `/jobs/v2/${id}`)).status).toBe('RUNNING'), { timeout: 20_000, interval: 50 });

    firstWorker.kill('SIGKILL');
    await new Promise((resolve) => firstWorker.once('exit', resolve));
    serve('--worker');

    await vi.waitFor(async () => expect(['FINISHED', 'FAILED', 'STOPPED']).toContain((await call('GET', `/jobs/v2/${id}`)).status), { timeout: 30_000, interval: 100 });
    const job = await call('GET', `/jobs/v2/${id}`);
    expect(job.status, String(job.lastStatusMessage)).toBe('FINISHED');
    const history = (await call('GET', `/jobs/v2/${id}/history`)) as unknown as Array<{ to: string }>;
    expect(history.map((entry) => entry.to)).toEqual(happyPath.filter((status) => status !== 'ARCHIVING'));
    const workDir = String(job.workPath);
    expect(workDir).toBe(join(roots.local, 'crash', id));
    expect(readFileSync(join(workDir, 'runs.txt'), 'utf8')).toBe('started\n');
    expect(readFileSync(join(workDir, 'out.txt'), 'utf8')).toBe('done\n');
  }, 90_000);
});
