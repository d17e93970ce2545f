/**
 * `GET /jobs/v2/{id}/outputs/listing[/{path}]`, `.../outputs/media/{path}` and `GET /jobs/v2/{id}/log`
 * over real HTTP (jobs-service/api/routes/job-output-routes.ts), on both engines.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentDisposition, downloadBody } from '../../../jobs-service/api/routes/output-download.js';
import { changeStatus } from '../../../jobs-service/state/change-status.js';
import type { OpenedOutput } from '../../../jobs-service/storage/index.js';
import { useTestService, type TestResponse } from '../../support/service-api.js';
import { engines } from '../../support/service-database.js';
import { insertJob } from '../../support/service-jobs.js';

/** Every byte value once: a download must return them unchanged. */
const binary = Buffer.from(Array.from({ length: 256 }, (_, index) => index));

/** The outputs of the fixture job: files, nested directories and the bookkeeping folder. */
const outputs: Record<string, string | Buffer> = {
  'result.json': '{"ok":true}',
  'page.html': '<script>alert(1)</script>',
  'résumé "final".txt': 'ü',
  'plots/a.png': binary,
  'plots/b.png': 'b',
  'plots/c.png': 'c',
  'plots/deep/d.csv': 'x,y\n1,2\n',
  '.jobfloor/stdout': 'line 1\nline 2\n',
  '.jobfloor/stderr': 'warning\n',
};

function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
}

describe.each(engines)('job outputs and log on %s', (engine) => {
  const api = useTestService(engine);
  let root = '';
  let outside = '';

  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'jobfloor-outputs-')));
    outside = join(root, 'outside');
    writeTree(outside, { 'secret.txt': 'secret' });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A RUNNING job of alice's whose work directory holds the fixture outputs and two symlinks leading out of it. */
  async function jobWithOutputs(files = outputs): Promise<{ id: string; workDir: string }> {
    const id = await insertJob(api.database.db, 'RUNNING');
    const workDir = join(root, id);
    writeTree(workDir, files);
    symlinkSync(join(outside, 'secret.txt'), join(workDir, 'escape.txt'));
    symlinkSync(outside, join(workDir, 'escape-dir'));
    await api.database.db.query('UPDATE jobs SET work_path = $2 WHERE uuid = $1', [id, workDir]);
    return { id, workDir };
  }

  /** Sends a GET with the path exactly as written: fetch would fold `..` segments before they reach the service. */
  async function rawGet(path: string): Promise<TestResponse> {
    const token = await api.token();
    const url = new URL(api.service.url);
    return new Promise((resolve, reject) => {
      const sent = httpRequest({ host: url.hostname, port: url.port, path, headers: { authorization: `Bearer ${token}` } }, (response) => {
        text(response).then((body) => resolve({ status: response.statusCode ?? 0, headers: new Headers(), body: JSON.parse(body) }), reject);
      });
      sent.on('error', reject);
      sent.end();
    });
  }

  const names = (response: TestResponse) => (response.body.result.entries as { path: string }[]).map((entry) => entry.path);

  it('lists the work directory in name order, without the bookkeeping or links that leave it, each entry with its link', async () => {
    const { id } = await jobWithOutputs();
    const response = await api.request('GET', `/jobs/v2/${id}/outputs/listing`);
    expect(response.status).toBe(200);
    expect(response.body.message).toBe(`4 entries in the work directory of job ${id}`);
    expect(names(response)).toEqual(['page.html', 'plots', 'result.json', 'résumé "final".txt']);
    expect(response.body.result).toMatchObject({ path: '', offset: 0, limit: 100 });
    const [, plots, result] = response.body.result.entries;
    expect(plots).toMatchObject({ name: 'plots', type: 'dir', _links: { self: { href: `${api.service.url}/jobs/v2/${id}/outputs/listing/plots` } } });
    expect(result).toMatchObject({ name: 'result.json', type: 'file', size: 11, _links: { self: { href: `${api.service.url}/jobs/v2/${id}/outputs/media/result.json` } } });
    expect(result.lastModified).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(names(await api.request('GET', `/jobs/v2/${id}/outputs/listing/`))).toEqual(names(response));
  });

  it('lists a subdirectory and a nested one, and pages in name order', async () => {
    const { id } = await jobWithOutputs();
    expect(names(await api.request('GET', `/jobs/v2/${id}/outputs/listing/plots`))).toEqual(['plots/a.png', 'plots/b.png', 'plots/c.png', 'plots/deep']);
    expect(names(await api.request('GET', `/jobs/v2/${id}/outputs/listing/plots/deep/`))).toEqual(['plots/deep/d.csv']);
    const page = await api.request('GET', `/jobs/v2/${id}/outputs/listing/plots?offset=1&limit=2`);
    expect(names(page)).toEqual(['plots/b.png', 'plots/c.png']);
    expect(page.body.result).toMatchObject({ path: 'plots', offset: 1, limit: 2 });
    expect(names(await api.request('GET', `/jobs/v2/${id}/outputs/listing/plots?offset=9`))).toEqual([]);
    const bad = await api.request('GET', `/jobs/v2/${id}/outputs/listing?limit=0&colour=red`);
    expect(bad.status).toBe(400);
    expect(bad.body.result.errors.map((error: { field: string }) => error.field).sort()).toEqual(['colour', 'limit']);
  });

  it('downloads a file byte for byte, as an attachment of a type a browser will not run', async () => {
    const { id } = await jobWithOutputs();
    const png = await fetch(`${api.service.url}/jobs/v2/${id}/outputs/media/plots/a.png`, { headers: { authorization: `Bearer ${await api.token()}` } });
    expect(png.status).toBe(200);
    expect(Buffer.from(await png.arrayBuffer())).toEqual(binary);
    expect(Object.fromEntries(['content-type', 'content-length', 'content-disposition', 'x-content-type-options'].map((name) => [name, png.headers.get(name)]))).toEqual({
      'content-type': 'application/octet-stream',
      'content-length': '256',
      'content-disposition': `attachment; filename="a.png"; filename*=UTF-8''a.png`,
      'x-content-type-options': 'nosniff',
    });
    expect(png.headers.get('last-modified')).toMatch(/GMT$/);
    const head = await api.request('HEAD', `/jobs/v2/${id}/outputs/media/plots/a.png`);
    expect([head.status, head.headers.get('content-length'), head.body]).toEqual([200, '256', '']);
    const json = await api.request('GET', `/jobs/v2/${id}/outputs/media/result.json`);
    expect([json.status, json.headers.get('content-type'), json.body]).toEqual([200, 'application/json', { ok: true }]);
    const html = await api.request('GET', `/jobs/v2/${id}/outputs/media/page.html`);
    expect([html.headers.get('content-type'), html.headers.get('content-security-policy')]).toEqual(['application/octet-stream', "default-src 'none'; sandbox"]);
    const named = await api.request('GET', `/jobs/v2/${id}/outputs/media/${encodeURIComponent('résumé "final".txt')}`);
    expect([named.status, named.body]).toEqual([200, 'ü']);
    expect(named.headers.get('content-disposition')).toBe(`attachment; filename="r_sum_ _final_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.txt`);
  });

  it('refuses paths that leave the work directory with a 400 naming the field path, without revealing where jobs live', async () => {
    const { id } = await jobWithOutputs();
    const refused = [
      [await rawGet(`/jobs/v2/${id}/outputs/media/../../outside/secret.txt`), "climbs out of the job's work directory through '..'"],
      [await rawGet(`/jobs/v2/${id}/outputs/listing/plots/../..`), "climbs out of the job's work directory through '..'"],
      [await api.request('GET', `/jobs/v2/${id}/outputs/media/..%2F..%2Foutside%2Fsecret.txt`), "climbs out of the job's work directory through '..'"],
      [await api.request('GET', `/jobs/v2/${id}/outputs/media//etc/passwd`), 'is absolute'],
      [await api.request('GET', `/jobs/v2/${id}/outputs/media/a%00b`), 'holds a NUL character'],
      [await api.request('GET', `/jobs/v2/${id}/outputs/media/escape.txt`), 'leads outside the job\'s work directory through a symbolic link'],
      [await api.request('GET', `/jobs/v2/${id}/outputs/media/escape-dir/secret.txt`), 'leads outside the job\'s work directory through a symbolic link'],
      [await api.request('GET', `/jobs/v2/${id}/outputs/listing/escape-dir`), 'leads outside the job\'s work directory through a symbolic link'],
    ] as const;
    for (const [response, reason] of refused) {
      expect(response.status, reason).toBe(400);
      expect(response.body.result.code).toBe('JOBS_VALIDATION_FAILED');
      expect(response.body.result.errors).toEqual([{ field: 'path', message: expect.stringContaining(reason) }]);
      expect(JSON.stringify(response.body)).not.toContain(root);
    }
  });

  it('answers a missing or hidden file 404 and a directory or no path 400, each naming the field path', async () => {
    const { id } = await jobWithOutputs();
    for (const path of ['nothing.txt', 'plots/nothing/x', '.jobfloor/stdout']) {
      const response = await api.request('GET', `/jobs/v2/${id}/outputs/media/${path}`);
      expect(response.status, path).toBe(404);
      expect(response.body.message).toBe(`Job ${id} has no output '${path}'; GET /jobs/v2/${id}/outputs/listing${path.includes('/') ? `/${dirname(path)}` : ''} lists what there is.`);
      expect(response.body.result.errors).toEqual([{ field: 'path', message: `there is no output '${path}'` }]);
    }
    expect((await api.request('GET', `/jobs/v2/${id}/outputs/listing/.jobfloor`)).status).toBe(404);
    const directory = await api.request('GET', `/jobs/v2/${id}/outputs/media/plots`);
    expect(directory.status).toBe(400);
    expect(directory.body.result.errors).toEqual([{ field: 'path', message: `'plots' is a directory; list it with GET /jobs/v2/${id}/outputs/listing/plots` }]);
    for (const route of [`/jobs/v2/${id}/outputs/media/`, `/jobs/v2/${id}/outputs/media`]) {
      const noPath = await api.request('GET', route);
      expect([noPath.status, noPath.body.result.errors], route).toEqual([400, [{ field: 'path', message: 'give the path of a file in the work directory, as the listing shows it' }]]);
    }
  });

  it("answers another tenant's or another user's job 404 on every route, and shows the tenant's jobs to its administrators", async () => {
    const { id } = await jobWithOutputs();
    const routes = [`/jobs/v2/${id}/outputs/listing`, `/jobs/v2/${id}/outputs/listing/plots`, `/jobs/v2/${id}/outputs/media/result.json`, `/jobs/v2/${id}/log`];
    for (const token of [await api.token({ tenant: 'globex' }), await api.token({ tenant: 'globex', roles: ['admin'] }), await api.token({ sub: 'bob' })]) {
      for (const route of routes) {
        const response = await api.request('GET', route, { token });
        expect(response.status, route).toBe(404);
        expect(response.body.message).toBe(`There is no job ${id} that you can see. Check the id; GET /jobs/v2 lists your jobs.`);
      }
    }
    const admin = await api.token({ sub: 'root', roles: ['admin'] });
    for (const route of routes) expect((await api.request('GET', route, { token: admin })).status, route).toBe(200);
  });

  it('hides the outputs and log of a hidden job until it is unhidden', async () => {
    const { id } = await jobWithOutputs();
    await api.request('POST', `/jobs/v2/${id}/hide`);
    const hidden = await api.request('GET', `/jobs/v2/${id}/outputs/listing`);
    expect([hidden.status, hidden.body.message]).toEqual([404, `Job ${id} is hidden, and so are its outputs and log. POST /jobs/v2/${id}/unhide to see them again.`]);
    expect((await api.request('GET', `/jobs/v2/${id}/log`)).status).toBe(404);
    await api.request('POST', `/jobs/v2/${id}/unhide`);
    expect((await api.request('GET', `/jobs/v2/${id}/outputs/listing`)).status).toBe(200);
  });

  it('shows a job without a work directory as having no outputs yet: an empty root, 404 below it, an empty log', async () => {
    const id = await insertJob(api.database.db, 'PENDING');
    const rootListing = await api.request('GET', `/jobs/v2/${id}/outputs/listing`);
    expect(rootListing.status).toBe(200);
    expect(rootListing.body.message).toBe(`Job ${id} is PENDING and has no outputs yet: its work directory is made when the job is staged.`);
    expect(rootListing.body.result).toEqual({ path: '', entries: [], offset: 0, limit: 100 });
    for (const route of [`/jobs/v2/${id}/outputs/listing/plots`, `/jobs/v2/${id}/outputs/media/result.json`]) {
      const response = await api.request('GET', route);
      expect(response.status, route).toBe(404);
      expect(response.body.message).toBe(`Job ${id} is PENDING and has no work directory, so it has no outputs yet: the directory is made when the job is staged.`);
    }
    // Validated but not staged yet: work_path is set, the directory does not exist.
    await api.database.db.query('UPDATE jobs SET work_path = $2 WHERE uuid = $1', [id, join(root, 'not-made-yet')]);
    expect((await api.request('GET', `/jobs/v2/${id}/outputs/listing`)).body.result.entries).toEqual([]);
    const log = await api.request('GET', `/jobs/v2/${id}/log`);
    expect(log.body.result).toMatchObject({ status: 'PENDING', stdout: { text: '', size: 0, truncated: false }, stderr: { text: '', size: 0, truncated: false } });
  });

  it("returns the status history and the app's stdout and stderr; a missing stream is empty", async () => {
    const { id, workDir } = await jobWithOutputs();
    await api.database.db.query("UPDATE jobs SET status = 'PENDING' WHERE uuid = $1", [id]);
    await changeStatus(api.database.db, id, 'PROCESSING_INPUTS', 'Processing the inputs.');
    const response = await api.request('GET', `/jobs/v2/${id}/log`);
    expect(response.status).toBe(200);
    const { history, ...rest } = response.body.result;
    expect(rest).toEqual({
      id,
      status: 'PROCESSING_INPUTS',
      stdout: { text: 'line 1\nline 2\n', size: 14, truncated: false },
      stderr: { text: 'warning\n', size: 8, truncated: false },
      tail: 65536,
    });
    expect(history.at(-1)).toEqual({ from: 'PENDING', to: 'PROCESSING_INPUTS', message: 'Processing the inputs.', created: expect.any(String) });
    expect(history.map((entry: { to: string }) => entry.to)).toEqual((await api.request('GET', `/jobs/v2/${id}/history`)).body.result.map((entry: { to: string }) => entry.to));
    expect(response.body.message).toBe(`Log of job ${id} (PROCESSING_INPUTS): ${history.length} status changes, 14 bytes of stdout, 8 of stderr`);
    rmSync(join(workDir, '.jobfloor/stderr'));
    expect((await api.request('GET', `/jobs/v2/${id}/log`)).body.result.stderr).toEqual({ text: '', size: 0, truncated: false });
  });

  it('returns the last `tail` bytes of each stream, cut at a whole character, says so, and validates tail', async () => {
    const { id } = await jobWithOutputs({ '.jobfloor/stdout': `${'a'.repeat(100)}éz`, '.jobfloor/stderr': 'short' });
    const response = await api.request('GET', `/jobs/v2/${id}/log?tail=2`);
    // The last two bytes are the second byte of é and z: the partial character is dropped.
    expect(response.body.result.stdout).toEqual({ text: 'z', size: 103, truncated: true });
    expect((await api.request('GET', `/jobs/v2/${id}/log?tail=3`)).body.result.stdout).toEqual({ text: 'éz', size: 103, truncated: true });
    expect(response.body.result.stderr).toEqual({ text: 'rt', size: 5, truncated: true });
    expect((await api.request('GET', `/jobs/v2/${id}/log?tail=5`)).body.result.stderr).toEqual({ text: 'short', size: 5, truncated: false });
    for (const tail of ['1048577', '-1', 'lots']) {
      const bad = await api.request('GET', `/jobs/v2/${id}/log?tail=${tail}`);
      expect(bad.status, tail).toBe(400);
      expect(bad.body.result.errors.map((error: { field: string }) => error.field)).toEqual(['tail']);
    }
  });

  it("reads a stream through a symbolic link only when it stays in the work directory, so a log cannot show the host's files", async () => {
    const { id, workDir } = await jobWithOutputs({ 'out.txt': 'mine' });
    mkdirSync(join(workDir, '.jobfloor'));
    symlinkSync(join(outside, 'secret.txt'), join(workDir, '.jobfloor/stdout'));
    symlinkSync(join(workDir, 'out.txt'), join(workDir, '.jobfloor/stderr'));
    const { stdout, stderr } = (await api.request('GET', `/jobs/v2/${id}/log`)).body.result;
    expect([stdout.text, stderr.text]).toEqual(['', 'mine']);
  });
});

describe('download body and headers', () => {
  const opened = (bytes: string, size: number): OpenedOutput =>
    ({ stream: Readable.from([Buffer.from(bytes)]), name: 'x', size, contentType: 'text/plain', lastModified: '2024-05-01T12:00:00.000Z' }) as unknown as OpenedOutput;

  it('sends no more than the announced size of a file that grew since it was opened', async () => {
    expect(await text(downloadBody(opened('0123456789', 4)))).toBe('0123');
    expect(await text(downloadBody(opened('0123', 0)))).toBe('');
    expect(await text(downloadBody(opened('01', 4)))).toBe('01');
  });

  it('keeps any file name from breaking out of Content-Disposition', () => {
    expect(attachmentDisposition('a\r\nSet-Cookie: x=1')).toBe(`attachment; filename="a__Set-Cookie: x=1"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1`);
    expect(attachmentDisposition("it's (1)*.txt")).toBe(`attachment; filename="it's (1)*.txt"; filename*=UTF-8''it%27s%20%281%29%2A.txt`);
  });
});
