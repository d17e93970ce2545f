import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isProcessGroupAlive } from '../../../jobs-service/execution/process-group.js';
import { happyPath, installLifecycleCatalog, lifecycleRoots, type LifecycleRoots } from '../../support/lifecycle-catalog.js';
import { engines } from '../../support/service-database.js';
import { useTestService } from '../../support/service-api.js';

/** A loopback HTTP server: serves input files and records notification POSTs. */
async function startHttp(): Promise<{ server: Server; url: string; received: Array<{ url: string; body: Record<string, unknown> }> }> {
  const received: Array<{ url: string; body: Record<string, unknown> }> = [];
  const readBody = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return text;
  };
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method === 'POST') {
        received.push({ url: request.url ?? '', body: JSON.parse(await readBody(request)) as Record<string, unknown> });
        response.writeHead(204).end();
        return;
      }
      if (request.url === '/inputs/greeting.txt') response.writeHead(200, { 'content-type': 'text/plain' }).end('hello from http\n');
      else response.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}`, received };
}

// Reads /proc, where a process group whose members are zombies (this container's PID 1 does not
// reap orphans) counts as gone, as it is.
const groupAlive = isProcessGroupAlive;

describe.each(engines)('the job lifecycle on %s', (engine) => {
  const api = useTestService(engine, {}, { runJobs: true });
  let dir: string;
  let roots: LifecycleRoots;
  let http: Awaited<ReturnType<typeof startHttp>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobfloor-lifecycle-'));
    roots = lifecycleRoots(dir);
    writeFileSync(join(roots.store, 'none.txt'), '');
    writeFileSync(join(roots.store, 'numbers.txt'), '1\n2\n3\n');
    symlinkSync('/etc', join(roots.store, 'escape'));
    http = await startHttp();
    await installLifecycleCatalog(api.database.db, 'acme', roots);
  });
  afterAll(() => {
    http?.server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function submit(body: Record<string, unknown>): Promise<string> {
    const response = await api.request('POST', '/jobs/v2', { body: { name: 'lifecycle', ...body } });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return response.body.result.id as string;
  }

  async function job(id: string) {
    return (await api.request('GET', `/jobs/v2/${id}`)).body.result;
  }

  async function waitFor(id: string, statuses: string[], timeout = 30_000) {
    await vi.waitFor(async () => expect(statuses).toContain((await job(id)).status), { timeout, interval: 50 });
    return job(id);
  }

  async function historyOf(id: string): Promise<string[]> {
    const { body } = await api.request('GET', `/jobs/v2/${id}/history`);
    return body.result.map((entry: { to: string }) => entry.to);
  }

  it('runs a local job with inputs from an HTTP server and a file system through the happy path, archiving its outputs', async () => {
    const script = 'cat "$1" "$2" > combined.txt && wc -l < "$2" > count.txt';
    const id = await submit({
      appId: 'shell-app',
      parameters: { script },
      inputs: { data: `${http.url}/inputs/greeting.txt`, extra: 'numbers.txt' },
      archive: true,
      archivePath: 'archives/first',
    });
    const finished = await waitFor(id, ['FINISHED', 'FAILED']);
    expect(finished.lastStatusMessage).toContain('finished');
    expect(await historyOf(id)).toEqual(happyPath);
    expect(finished.remoteJobId).toMatch(/^local:\d+$/);
    expect(finished).toMatchObject({ remoteOutcome: 'FINISHED', remoteStarted: expect.any(String), remoteEnded: expect.any(String) });
    expect(finished.remoteStatusChecks).toBeGreaterThan(0);
    expect(readFileSync(join(roots.store, 'archives/first/combined.txt'), 'utf8')).toBe('hello from http\n1\n2\n3\n');
    expect(readFileSync(join(roots.store, 'archives/first/count.txt'), 'utf8').trim()).toBe('3');
    expect(existsSync(join(roots.store, 'archives/first/inputs'))).toBe(false);
  });

  it('runs a sim job with an input staged from the file system through the happy path', async () => {
    const id = await submit({ appId: 'sim-app', parameters: { program: 'LOG one\nCOMPUTE 1000\nLOG two' }, inputs: { data: 'numbers.txt' }, archive: true, archivePath: '' });
    await waitFor(id, ['FINISHED', 'FAILED']);
    expect(await historyOf(id)).toEqual(happyPath);
    expect((await job(id)).remoteJobId).toBe(`sim:${id}`);
  });

  it('skips staging and archiving when there is nothing to stage or archive', async () => {
    const id = await submit({ appId: 'sim-app', parameters: { program: 'LOG quick' }, inputs: {} });
    await waitFor(id, ['FINISHED', 'FAILED']);
    expect(await historyOf(id)).toEqual(['ACCEPTED', 'PENDING', 'PROCESSING_INPUTS', 'STAGED', 'STAGING_JOB', 'SUBMITTING', 'QUEUED', 'RUNNING', 'CLEANING_UP', 'FINISHED']);
  });

  it('fails a local job that exits non-zero, with the code in the message', async () => {
    const id = await submit({ appId: 'shell-app', parameters: { script: 'echo oops >&2; exit 3' } });
    const failed = await waitFor(id, ['FINISHED', 'FAILED']);
    expect(failed.status).toBe('FAILED');
    expect(failed.lastStatusMessage).toMatch(/code 3/);
    expect(failed.remoteOutcome).toBe('FAILED');
  });

  it('fails a sim job whose program fails permanently, with the reason', async () => {
    const id = await submit({ appId: 'sim-app', parameters: { program: 'LOG start\nFAIL permanent' }, inputs: {} });
    const failed = await waitFor(id, ['FINISHED', 'FAILED']);
    expect(failed.status).toBe('FAILED');
    expect(failed.lastStatusMessage).toMatch(/FAIL.*permanent/i);
  });

  it('kills a local job that runs longer than maxRunTime', async () => {
    const id = await submit({ appId: 'shell-app', parameters: { script: 'sleep 60' }, maxRunTime: '00:00:02' });
    const failed = await waitFor(id, ['FINISHED', 'FAILED']);
    expect(failed.status).toBe('FAILED');
    expect(failed.lastStatusMessage).toMatch(/maxRunTime/);
    const pgid = Number(String(failed.remoteJobId).split(':')[1]);
    expect(await groupAlive(pgid)).toBe(false);
  });

  it('enforces maxRunTime itself when the run has lost its launcher', async () => {
    const id = await submit({ appId: 'shell-app', parameters: { script: 'sleep 60' }, maxRunTime: '00:00:03' });
    const running = await waitFor(id, ['RUNNING']);
    const { rows } = await api.database.db.query<{ launcher: number }>(`SELECT (state->'launch'->>'launcherPid')::int AS launcher FROM work_queue WHERE job_uuid = $1`, [id]);
    process.kill(rows[0]!.launcher, 'SIGKILL');
    const failed = await waitFor(id, ['FINISHED', 'FAILED']);
    expect(failed.status).toBe('FAILED');
    expect(failed.lastStatusMessage).toMatch(/maxRunTime/);
    expect(await groupAlive(Number(String(running.remoteJobId).split(':')[1]))).toBe(false);
  });

  it('stops a RUNNING local job on cancel and ends its process group', async () => {
    const id = await submit({ appId: 'shell-app', parameters: { script: 'sleep 60 & sleep 60' } });
    const running = await waitFor(id, ['RUNNING']);
    const pgid = Number(String(running.remoteJobId).split(':')[1]);
    expect(await groupAlive(pgid)).toBe(true);
    expect((await api.request('POST', `/jobs/v2/${id}/cancel`)).status).toBeLessThan(300);
    const stopped = await waitFor(id, ['STOPPED', 'FAILED', 'FINISHED']);
    expect(stopped.status).toBe('STOPPED');
    await vi.waitFor(async () => expect(await groupAlive(pgid)).toBe(false));
  });

  it('stops a RUNNING sim job on cancel', async () => {
    const id = await submit({ appId: 'sim-app', parameters: { program: 'LOG start\nSLEEP 60000\nLOG never' }, inputs: {} });
    await waitFor(id, ['RUNNING']);
    expect((await api.request('POST', `/jobs/v2/${id}/cancel`)).status).toBeLessThan(300);
    expect((await waitFor(id, ['STOPPED', 'FAILED', 'FINISHED'])).status).toBe('STOPPED');
  });

  it('refuses an input path that escapes its storage system through a symlink', async () => {
    const id = await submit({ appId: 'sim-app', inputs: { data: 'escape/hostname' } });
    const failed = await waitFor(id, ['FINISHED', 'FAILED']);
    expect(failed.status).toBe('FAILED');
    expect(failed.lastStatusMessage).toMatch(/escape|outside|symlink/i);
  });

  it('sends notifications for the events asked for, with the templates filled', async () => {
    const url = `${http.url}/hook/\${JOB_ID}?status=\${JOB_STATUS}&name=\${JOB_NAME}`;
    const id = await submit({
      name: 'notified job',
      appId: 'sim-app',
      inputs: {},
      notifications: [
        { event: '*', url, persistent: true },
        { event: 'FINISHED', url: `${http.url}/done` },
      ],
    });
    await waitFor(id, ['FINISHED']);
    await vi.waitFor(() => expect(http.received.some((call) => call.url === '/done')).toBe(true), { timeout: 10_000 });
    await vi.waitFor(() => expect(http.received.filter((call) => call.url.startsWith(`/hook/${id}`)).map((call) => new URL(call.url, http.url).searchParams.get('status'))).toContain('FINISHED'), { timeout: 10_000 });
    const hooks = http.received.filter((call) => call.url.startsWith(`/hook/${id}`));
    expect(hooks.map((call) => new URL(call.url, http.url).searchParams.get('status'))).toEqual(expect.arrayContaining(['ACCEPTED', 'PENDING', 'RUNNING', 'FINISHED']));
    expect(new URL(hooks[0]!.url, http.url).searchParams.get('name')).toBe('notified job');
    expect(http.received.filter((call) => call.url === '/done')).toHaveLength(1);
  });

  it('serves the lifecycle office and the notification outcomes at /metrics', async () => {
    const { body } = await api.request('GET', '/metrics', { token: null });
    expect(body).toMatch(/jobfloor_job_run_seconds_count\{[^}]*job="ArchiveJobs.finish"[^}]*\} [1-9]/);
    expect(body).toMatch(/jobfloor_notifications_settled_total\{outcome="DELIVERED"\} [1-9]/);
  });
});
