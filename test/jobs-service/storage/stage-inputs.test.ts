/** Staging a job's inputs into its work directory: jobs-service/storage/stage-inputs.ts. */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SystemDefinition } from '../../../jobs-service/catalog/system-definition.js';
import { StorageError, sha256File, stageInputs, type StageInputsRequest } from '../../../jobs-service/storage/index.js';
import { useLoopbackServers } from './support/loopback-server.js';
import { treeOf, useTempDirs, writeTree } from './support/temp-dirs.js';

const startServer = useLoopbackServers();
const tempDir = useTempDirs();

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A file system `data` with a file and a directory tree, a work directory, and the systems map. */
function fixture(extra: SystemDefinition[] = []): { root: string; workDir: string; systems: Map<string, SystemDefinition> } {
  const root = realpathSync(tempDir());
  const workDir = path.join(realpathSync(tempDir()), 'job-1');
  writeTree(root, { 'genome.fa': '>seq\nACGT\n', 'ref/a.txt': 'a', 'ref/deep/b.txt': 'bb', 'ref/.hidden': 'h' });
  const systems = new Map<string, SystemDefinition>([
    ['data', { id: 'data', type: 'storage', kind: 'file', rootDir: root }],
    ['local', { id: 'local', type: 'execution', kind: 'sim', batchQueues: [{ name: 'normal' }] }],
    ...extra.map((system) => [system.id, system] as const),
  ]);
  return { root, workDir, systems };
}

async function failure(request: StageInputsRequest): Promise<StorageError> {
  const error: unknown = await stageInputs(request).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describe('stageInputs', () => {
  it('downloads http(s) URLs to inputs/<id>/<name> with size and SHA-256', async () => {
    const server = await startServer((request, response) => response.end(`content of ${request.url}`));
    const { workDir, systems } = fixture();
    const staged = await stageInputs({ inputs: { table: `${server.url}tables/my%20table.csv?version=2` }, systems, workDir });
    const content = 'content of /tables/my%20table.csv?version=2';
    expect(staged).toEqual([
      {
        id: 'table',
        location: `${server.url}tables/my%20table.csv?version=2`,
        path: 'inputs/table/my table.csv',
        type: 'file',
        bytes: content.length,
        files: [{ path: 'inputs/table/my table.csv', bytes: content.length, sha256: sha256(content) }],
      },
    ]);
    expect(readFileSync(path.join(workDir, 'inputs/table/my table.csv'), 'utf8')).toBe(content);
  });

  it('fetches paths on an http storage system below its baseUrl', async () => {
    const server = await startServer((request, response) => response.end(`served ${request.url}`));
    const { workDir, systems } = fixture([{ id: 'web', type: 'storage', kind: 'http', baseUrl: `${server.url}files` }]);
    const staged = await stageInputs({ inputs: { config: 'jobfloor://web/conf/run.yaml' }, systems, workDir });
    expect(server.received.map((request) => request.url)).toEqual(['/files/conf/run.yaml']);
    expect(staged[0]?.path).toBe('inputs/config/run.yaml');
    expect(readFileSync(path.join(workDir, 'inputs/config/run.yaml'), 'utf8')).toBe('served /files/conf/run.yaml');
  });

  it('copies a file and a whole directory from a file system, following symlinks that stay inside it', async () => {
    const { root, workDir, systems } = fixture();
    symlinkSync('../genome.fa', path.join(root, 'ref/genome-link.fa'));
    const staged = await stageInputs({ inputs: { genome: 'jobfloor://data/genome.fa', reference: 'jobfloor://data/ref' }, systems, workDir });
    expect(staged.map(({ id, path, type, bytes }) => ({ id, path, type, bytes }))).toEqual([
      { id: 'genome', path: 'inputs/genome/genome.fa', type: 'file', bytes: 10 },
      { id: 'reference', path: 'inputs/reference/ref', type: 'dir', bytes: 14 },
    ]);
    expect(staged[1]?.files).toEqual([
      { path: 'inputs/reference/ref/.hidden', bytes: 1, sha256: sha256('h') },
      { path: 'inputs/reference/ref/a.txt', bytes: 1, sha256: sha256('a') },
      { path: 'inputs/reference/ref/deep/b.txt', bytes: 2, sha256: sha256('bb') },
      { path: 'inputs/reference/ref/genome-link.fa', bytes: 10, sha256: sha256('>seq\nACGT\n') },
    ]);
    expect(treeOf(path.join(workDir, 'inputs'))).toEqual([
      'genome', 'genome/genome.fa', 'reference', 'reference/ref', 'reference/ref/.hidden', 'reference/ref/a.txt', 'reference/ref/deep', 'reference/ref/deep/b.txt', 'reference/ref/genome-link.fa',
    ]);
  });

  it('stages every location of a multiple input, and decodes %-escapes of file system paths', async () => {
    const { root, workDir, systems } = fixture();
    writeTree(root, { 'two words.txt': '2' });
    const staged = await stageInputs({ inputs: { parts: ['jobfloor://data/ref/a.txt', 'jobfloor://data/two%20words.txt'] }, systems, workDir });
    expect(staged.map((input) => input.path)).toEqual(['inputs/parts/a.txt', 'inputs/parts/two words.txt']);
  });

  it('refuses a directory copy that reaches outside the system through a symlink', async () => {
    const { root, workDir, systems } = fixture();
    const outside = tempDir();
    writeTree(outside, { 'secret.txt': 's' });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'ref/deep/escape.txt'));
    const error = await failure({ inputs: { reference: 'jobfloor://data/ref' }, systems, workDir });
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_PATH_REFUSED', reason: 'symlink-escape', path: 'ref/deep/escape.txt' });
  });

  it('hands every staged file to the given checksum function', async () => {
    const { workDir, systems } = fixture();
    const seen: string[] = [];
    const checksum = async (file: string): Promise<string> => {
      seen.push(path.relative(workDir, file));
      return sha256File(file);
    };
    const staged = await stageInputs({ inputs: { reference: 'jobfloor://data/ref/deep' }, systems, workDir, checksum });
    expect(seen).toEqual([path.join('inputs', 'reference', 'deep', 'b.txt')]);
    expect(staged[0]?.files[0]?.sha256).toBe(sha256('bb'));
  });

  it('starts each input afresh when staging runs again', async () => {
    const { workDir, systems } = fixture();
    writeTree(workDir, { 'inputs/genome/leftover.part': 'x', 'inputs/other/kept.txt': 'k' });
    await stageInputs({ inputs: { genome: 'jobfloor://data/genome.fa' }, systems, workDir });
    expect(treeOf(path.join(workDir, 'inputs'))).toEqual(['genome', 'genome/genome.fa', 'other', 'other/kept.txt']);
  });

  // Escapes in a location (`..`, also %-encoded) are refused when it is parsed, as at submission.
  it('checks every location before fetching anything', async () => {
    const server = await startServer((_request, response) => response.end('x'));
    const { workDir, systems } = fixture();
    const cases: Array<[StageInputsRequest['inputs'], object]> = [
      [{ a: 'jobfloor://nowhere/x' }, { code: 'JOBFLOOR_STORAGE_UNKNOWN_SYSTEM', systemId: 'nowhere' }],
      [{ a: 'jobfloor://local/x' }, { code: 'JOBFLOOR_STORAGE_UNKNOWN_SYSTEM', systemId: 'local' }],
      [{ a: 'relative/path.txt' }, { code: 'JOBFLOOR_STORAGE_UNSUPPORTED_LOCATION' }],
      [{ a: 'sftp://host/x' }, { code: 'JOBFLOOR_STORAGE_UNSUPPORTED_LOCATION' }],
      [{ a: 'jobfloor://data/%2e%2e/secret' }, { code: 'JOBFLOOR_STORAGE_UNSUPPORTED_LOCATION' }],
      [{ a: [`${server.url}one/data.csv`, `${server.url}two/data.csv`] }, { code: 'JOBFLOOR_STORAGE_NAME_CLASH', inputId: 'a', stagedName: 'data.csv' }],
    ];
    for (const [inputs, expected] of cases) {
      const error = await failure({ inputs: { first: `${server.url}first.txt`, ...inputs }, systems, workDir });
      expect(error).toMatchObject({ ...expected, transient: false });
    }
    expect(server.received).toEqual([]);
  });

  it('says which name clashes and how to avoid it', async () => {
    const { root, workDir, systems } = fixture();
    writeTree(root, { 'other/a.txt': 'other a' });
    const error = await failure({ inputs: { parts: ['jobfloor://data/ref/a.txt', 'jobfloor://data/other/a.txt'] }, systems, workDir });
    expect(error.message).toBe(
      "input 'parts': 'jobfloor://data/ref/a.txt' and 'jobfloor://data/other/a.txt' would both be staged as 'a.txt'; give each location of an input its own file name",
    );
  });

  it('reports a missing file on a file system as permanent, naming the system', async () => {
    const { root, workDir, systems } = fixture();
    const error = await failure({ inputs: { a: 'jobfloor://data/missing.txt' }, systems, workDir });
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_FOUND', transient: false });
    expect(error.message).toBe(`'data:missing.txt' does not exist; check the path on storage system 'data' (root ${root})`);
  });

  it('keeps a download failure transient or permanent as the server said', async () => {
    const server = await startServer((request, response) => response.writeHead(request.url === '/busy' ? 502 : 410).end());
    const { workDir, systems } = fixture();
    expect(await failure({ inputs: { a: `${server.url}busy` }, systems, workDir })).toMatchObject({ status: 502, transient: true });
    expect(await failure({ inputs: { a: `${server.url}gone` }, systems, workDir })).toMatchObject({ status: 410, transient: false });
  });

  it('applies maxBytes to copies from file systems too', async () => {
    const { workDir, systems } = fixture();
    const error = await failure({ inputs: { genome: 'jobfloor://data/genome.fa' }, systems, workDir, limits: { maxBytes: 4 } });
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_TOO_LARGE', source: 'data:genome.fa' });
    expect(treeOf(path.join(workDir, 'inputs'))).toEqual(['genome']);
  });

  it('stops when its signal has aborted', async () => {
    const { workDir, systems } = fixture();
    const error = await failure({ inputs: { reference: 'jobfloor://data/ref' }, systems, workDir, signal: AbortSignal.abort() });
    expect(error.code).toBe('JOBFLOOR_STORAGE_ABORTED');
  });
});

