/** Archiving the files a run created: jobs-service/storage/archive-outputs.ts. */
import { readFileSync, realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SystemDefinition } from '../../../jobs-service/catalog/system-definition.js';
import { StorageError, archiveOutputs, type ArchiveOutputsRequest } from '../../../jobs-service/storage/index.js';
import { useLoopbackServers } from './support/loopback-server.js';
import { treeOf, useTempDirs, writeTree } from './support/temp-dirs.js';

const startServer = useLoopbackServers();
const tempDir = useTempDirs();

/** A work directory after a run: staged inputs, bookkeeping, outputs, a symlink; and an archive file system. */
function fixture(): { workDir: string; archiveRoot: string; archiveSystem: SystemDefinition } {
  const workDir = realpathSync(tempDir());
  writeTree(workDir, {
    'inputs/genome/genome.fa': 'ACGT',
    '.jobfloor/exit-status': '0',
    'result.csv': 'a,b\n1,2\n',
    'plots/run 1.svg': '<svg/>',
    'plots/logs/trace.log': 'traced',
  });
  symlinkSync('/etc/hostname', path.join(workDir, 'plots/host-link'));
  const archiveRoot = realpathSync(tempDir());
  return { workDir, archiveRoot, archiveSystem: { id: 'archive', type: 'storage', kind: 'file', rootDir: archiveRoot } };
}

async function failure(request: ArchiveOutputsRequest): Promise<StorageError> {
  const error: unknown = await archiveOutputs(request).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describe('archiveOutputs to a file system', () => {
  it('copies what the run wrote below archivePath, without inputs, bookkeeping or symlinks', async () => {
    const { workDir, archiveRoot, archiveSystem } = fixture();
    const result = await archiveOutputs({ workDir, archiveSystem, archivePath: 'jobs/job-1' });
    expect(result).toEqual({
      files: [
        { path: 'plots/logs/trace.log', bytes: 6, destination: 'jobs/job-1/plots/logs/trace.log' },
        { path: 'plots/run 1.svg', bytes: 6, destination: 'jobs/job-1/plots/run 1.svg' },
        { path: 'result.csv', bytes: 8, destination: 'jobs/job-1/result.csv' },
      ],
      skipped: [{ path: 'plots/host-link', reason: 'symlink' }],
      bytes: 20,
    });
    expect(treeOf(archiveRoot)).toEqual(['jobs', 'jobs/job-1', 'jobs/job-1/plots', 'jobs/job-1/plots/logs', 'jobs/job-1/plots/logs/trace.log', 'jobs/job-1/plots/run 1.svg', 'jobs/job-1/result.csv']);
    expect(readFileSync(path.join(archiveRoot, 'jobs/job-1/result.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('takes the exclusions it is given, and overwrites an earlier archive', async () => {
    const { workDir, archiveRoot, archiveSystem } = fixture();
    writeTree(archiveRoot, { 'out/result.csv': 'old' });
    const result = await archiveOutputs({ workDir, archiveSystem, archivePath: 'out', exclude: ['./plots/', '.jobfloor'] });
    expect(result.files.map((file) => file.path)).toEqual(['inputs/genome/genome.fa', 'result.csv']);
    expect(readFileSync(path.join(archiveRoot, 'out/result.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('archives to the root for an empty archivePath, and returns an empty list when there is nothing', async () => {
    const { archiveRoot, archiveSystem } = fixture();
    const empty = realpathSync(tempDir());
    writeTree(empty, { '.jobfloor/pid': '1' });
    expect(await archiveOutputs({ workDir: empty, archiveSystem, archivePath: '' })).toEqual({ files: [], skipped: [], bytes: 0 });
    expect(treeOf(archiveRoot)).toEqual([]);
  });

  it('refuses an archivePath or an archive symlink that leaves the system root', async () => {
    const { workDir, archiveRoot, archiveSystem } = fixture();
    expect(await failure({ workDir, archiveSystem, archivePath: '../elsewhere' })).toMatchObject({ code: 'JOBFLOOR_STORAGE_PATH_REFUSED', reason: 'parent-segment' });
    expect(await failure({ workDir, archiveSystem, archivePath: '/tmp/x' })).toMatchObject({ reason: 'absolute' });
    const outside = tempDir();
    symlinkSync(outside, path.join(archiveRoot, 'linked'));
    expect(await failure({ workDir, archiveSystem, archivePath: 'linked/job' })).toMatchObject({ reason: 'symlink-escape' });
    expect(treeOf(outside)).toEqual([]);
  });

  it('refuses an execution system and a missing work directory', async () => {
    const { archiveSystem } = fixture();
    const sim: SystemDefinition = { id: 'sim', type: 'execution', kind: 'sim', batchQueues: [{ name: 'q' }] };
    const workDir = realpathSync(tempDir());
    expect(await failure({ workDir, archiveSystem: sim, archivePath: 'x' })).toMatchObject({ code: 'JOBFLOOR_STORAGE_UNKNOWN_SYSTEM', systemId: 'sim' });
    expect(await failure({ workDir: path.join(workDir, 'gone'), archiveSystem, archivePath: 'x' })).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_FOUND' });
  });

  it('stops when its signal has aborted', async () => {
    const { workDir, archiveRoot, archiveSystem } = fixture();
    expect(await failure({ workDir, archiveSystem, archivePath: 'a', signal: AbortSignal.abort() })).toMatchObject({ code: 'JOBFLOOR_STORAGE_ABORTED' });
    expect(treeOf(archiveRoot)).toEqual([]);
  });
});

describe('archiveOutputs to an http system', () => {
  it('PUTs each file below baseUrl/archivePath, each path segment encoded', async () => {
    const server = await startServer((_request, response) => response.writeHead(201).end());
    const { workDir } = fixture();
    const archiveSystem: SystemDefinition = { id: 'web', type: 'storage', kind: 'http', baseUrl: `${server.url}archive` };
    const result = await archiveOutputs({ workDir, archiveSystem, archivePath: 'jobs/50% done' });
    expect(server.received.map(({ method, url, body }) => ({ method, url, body: body.toString() }))).toEqual([
      { method: 'PUT', url: '/archive/jobs/50%25%20done/plots/logs/trace.log', body: 'traced' },
      { method: 'PUT', url: '/archive/jobs/50%25%20done/plots/run%201.svg', body: '<svg/>' },
      { method: 'PUT', url: '/archive/jobs/50%25%20done/result.csv', body: 'a,b\n1,2\n' },
    ]);
    expect(server.received[1]?.headers['content-type']).toBe('image/svg+xml');
    expect(server.received[2]?.headers['content-length']).toBe('8');
    expect(result.files.map((file) => file.destination)).toEqual(server.received.map((request) => new URL(request.url, server.url).href));
    expect(result.bytes).toBe(20);
  });

  it('reports a server error as transient and a refusal as permanent', async () => {
    const server = await startServer((request, response) => response.writeHead(request.url?.includes('busy') === true ? 503 : 403).end());
    const { workDir } = fixture();
    const system = (archivePath: string): ArchiveOutputsRequest => ({ workDir, archivePath, archiveSystem: { id: 'web', type: 'storage', kind: 'http', baseUrl: server.url } });
    expect(await failure(system('busy'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_HTTP_STATUS', status: 503, transient: true });
    const forbidden = await failure(system('locked'));
    expect(forbidden).toMatchObject({ status: 403, transient: false });
    expect(forbidden.message).toBe(`PUT ${server.url}locked/plots/logs/trace.log answered 403; check the URL and that the server allows this request`);
  });
});
