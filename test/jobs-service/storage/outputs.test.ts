/** Browsing a job's outputs: jobs-service/storage/list-outputs.ts and open-output.ts. */
import { execFileSync } from 'node:child_process';
import { realpathSync, symlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { StorageError, listOutputs, openOutput } from '../../../jobs-service/storage/index.js';
import { useTempDirs, writeTree } from './support/temp-dirs.js';

const tempDir = useTempDirs();
const modified = new Date('2024-05-01T12:00:00.000Z');

/** A work directory with outputs, bookkeeping, and symlinks inside and out. */
function fixture(): { workDir: string; outside: string } {
  const workDir = realpathSync(tempDir());
  const outside = realpathSync(tempDir());
  writeTree(outside, { 'secret.txt': 'secret' });
  writeTree(workDir, { 'result.json': '{"ok":true}', 'plots/a.png': 'png', '.jobfloor/exit-status': '0', 'inputs/x/data.csv': '1' });
  for (const file of ['result.json', 'plots/a.png', 'plots', 'inputs/x/data.csv']) utimesSync(path.join(workDir, file), modified, modified);
  symlinkSync('result.json', path.join(workDir, 'latest.json'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(workDir, 'secret-link'));
  symlinkSync('.jobfloor/exit-status', path.join(workDir, 'status-link'));
  return { workDir, outside };
}

async function failure(promise: Promise<unknown>): Promise<StorageError> {
  const error: unknown = await promise.catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describe('listOutputs', () => {
  it('lists the work directory in name order, without bookkeeping or symlinks that leave it', async () => {
    const { workDir } = fixture();
    const entries = await listOutputs(workDir);
    expect(entries.map(({ name, path, type }) => ({ name, path, type }))).toEqual([
      { name: 'inputs', path: 'inputs', type: 'dir' },
      { name: 'latest.json', path: 'latest.json', type: 'file' },
      { name: 'plots', path: 'plots', type: 'dir' },
      { name: 'result.json', path: 'result.json', type: 'file' },
    ]);
    expect(entries[1]).toEqual({ name: 'latest.json', path: 'latest.json', type: 'file', size: 11, lastModified: '2024-05-01T12:00:00.000Z' });
  });

  it('lists a subdirectory, a single file, and pages', async () => {
    const { workDir } = fixture();
    writeTree(workDir, { 'plots/b.png': 'b', 'plots/c.png': 'c' });
    expect(await listOutputs(workDir, 'plots/')).toHaveLength(3);
    expect((await listOutputs(workDir, 'plots', { offset: 1, limit: 1 })).map((entry) => entry.path)).toEqual(['plots/b.png']);
    expect(await listOutputs(workDir, './plots/../result.json')).toEqual([{ name: 'result.json', path: 'result.json', type: 'file', size: 11, lastModified: '2024-05-01T12:00:00.000Z' }]);
  });

  it('refuses escapes and answers hidden or missing paths as not found', async () => {
    const { workDir } = fixture();
    expect(await failure(listOutputs(workDir, '../'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_PATH_REFUSED', reason: 'parent-segment' });
    expect(await failure(listOutputs(workDir, '/etc'))).toMatchObject({ reason: 'absolute' });
    expect(await failure(listOutputs(workDir, 'secret-link'))).toMatchObject({ reason: 'symlink-escape' });
    expect(await failure(listOutputs(workDir, '.jobfloor'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_FOUND' });
    expect(await failure(listOutputs(workDir, 'plots/../.jobfloor/'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_FOUND' });
    expect(await failure(listOutputs(workDir, 'status-link'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_FOUND' });
    const missing = await failure(listOutputs(workDir, 'nothing'));
    expect(missing.message).toBe("'nothing' does not exist; list its parent directory to see what there is");
    const noWorkDir = path.join(workDir, 'not-yet');
    expect((await failure(listOutputs(noWorkDir))).message).toBe(`'${noWorkDir}' does not exist; the job has no work directory yet, or it was removed`);
  });

  it('shows the bookkeeping when told to hide nothing', async () => {
    const { workDir } = fixture();
    expect((await listOutputs(workDir, '.jobfloor', { hidden: [] })).map((entry) => entry.path)).toEqual(['.jobfloor/exit-status']);
  });
});

describe('openOutput', () => {
  it('opens a file with its size, a content type guess and its modification time', async () => {
    const { workDir } = fixture();
    const opened = await openOutput(workDir, 'result.json');
    expect({ ...opened, stream: undefined }).toEqual({ stream: undefined, name: 'result.json', size: 11, contentType: 'application/json', lastModified: '2024-05-01T12:00:00.000Z' });
    expect(await text(opened.stream)).toBe('{"ok":true}');
  });

  it('opens through a symlink that stays inside, under the name asked for', async () => {
    const { workDir } = fixture();
    const opened = await openOutput(workDir, 'latest.json');
    expect(opened.name).toBe('latest.json');
    expect(await text(opened.stream)).toBe('{"ok":true}');
  });

  it('refuses directories, special files, escapes and hidden files', async () => {
    const { workDir } = fixture();
    const directory = await failure(openOutput(workDir, 'plots'));
    expect(directory).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_A_FILE', found: 'directory' });
    expect(directory.message).toBe("'plots' is a directory, not a regular file; only regular files can be downloaded; list a directory with the outputs listing");
    expect(await failure(openOutput(workDir, ''))).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_A_FILE', path: '.' });
    execFileSync('mkfifo', [path.join(workDir, 'pipe')]); // Node has no mkfifo; a run could make one
    expect(await failure(openOutput(workDir, 'pipe'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_A_FILE', found: 'special file' });
    expect(await failure(openOutput(workDir, '../x'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_PATH_REFUSED' });
    expect(await failure(openOutput(workDir, 'secret-link'))).toMatchObject({ reason: 'symlink-escape' });
    expect(await failure(openOutput(workDir, 'plots\0.png'))).toMatchObject({ reason: 'nul-byte' });
    expect(await failure(openOutput(workDir, '.jobfloor/exit-status'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_FOUND' });
    expect(await failure(openOutput(workDir, 'missing.txt'))).toMatchObject({ code: 'JOBFLOOR_STORAGE_NOT_FOUND' });
  });
});
