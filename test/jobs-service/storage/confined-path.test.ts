/** Confinement of paths to a root: jobs-service/storage/confined-path.ts. */
import { realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PathRefusedError, StorageNotFoundError, pathRefusal, resolveConfinedPath } from '../../../jobs-service/storage/index.js';
import { useTempDirs, writeTree } from './support/temp-dirs.js';

const tempDir = useTempDirs();

/** A root with `data/a.txt`, and a directory outside it with `secret.txt`. */
function fixture(): { root: string; outside: string } {
  const base = realpathSync(tempDir());
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  writeTree(root, { 'data/a.txt': 'a' });
  writeTree(outside, { 'secret.txt': 'secret' });
  return { root, outside };
}

async function refusal(root: string, relativePath: string): Promise<PathRefusedError> {
  const error: unknown = await resolveConfinedPath(root, relativePath).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(PathRefusedError);
  return error as PathRefusedError;
}

describe('resolveConfinedPath', () => {
  it('resolves paths inside the root, existing or not, and `..` that stays inside', async () => {
    const { root } = fixture();
    expect(await resolveConfinedPath(root, 'data/a.txt')).toBe(path.join(root, 'data/a.txt'));
    expect(await resolveConfinedPath(root, 'data/new/b.txt')).toBe(path.join(root, 'data/new/b.txt'));
    expect(await resolveConfinedPath(root, 'data/../data/a.txt')).toBe(path.join(root, 'data/a.txt'));
    expect(await resolveConfinedPath(root, '')).toBe(root);
    expect(await resolveConfinedPath(root, '.')).toBe(root);
  });

  it('refuses `..` segments that leave the root, naming the path and the reason', async () => {
    const { root } = fixture();
    for (const escape of ['..', '../outside/secret.txt', 'data/../../outside', 'data\\..\\..\\x']) {
      const error = await refusal(root, escape);
      expect(error.code).toBe('JOBFLOOR_STORAGE_PATH_REFUSED');
      expect(error.reason).toBe('parent-segment');
      expect(error.path).toBe(escape);
      expect(error.transient).toBe(false);
    }
    expect((await refusal(root, '../outside/secret.txt')).message).toBe(`path '../outside/secret.txt' climbs out of the root through '..' segments; remove them (root ${root})`);
  });

  it('refuses absolute paths and NUL characters', async () => {
    const { root } = fixture();
    for (const absolute of ['/etc/passwd', '\\\\server\\share', 'C:\\Windows', 'c:/x']) expect((await refusal(root, absolute)).reason).toBe('absolute');
    const nul = await refusal(root, 'data/a.txt\0.png');
    expect(nul.reason).toBe('nul-byte');
    expect(nul.message).toContain("'data/a.txt\\0.png'");
  });

  it('refuses symlinks that lead outside the root, for files, directories and paths below them', async () => {
    const { root, outside } = fixture();
    symlinkSync(outside, path.join(root, 'out-dir'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'data/out-file'));
    symlinkSync('../../outside/secret.txt', path.join(root, 'data/relative-out'));
    for (const escape of ['out-dir', 'out-dir/secret.txt', 'out-dir/not-yet/written.txt', 'data/out-file', 'data/relative-out']) {
      expect((await refusal(root, escape)).reason).toBe('symlink-escape');
    }
  });

  it('follows symlinks that stay inside the root, returning the real path', async () => {
    const { root } = fixture();
    symlinkSync('data', path.join(root, 'alias'));
    symlinkSync(path.join(root, 'data/a.txt'), path.join(root, 'link.txt'));
    expect(await resolveConfinedPath(root, 'alias/a.txt')).toBe(path.join(root, 'data/a.txt'));
    expect(await resolveConfinedPath(root, 'link.txt')).toBe(path.join(root, 'data/a.txt'));
    expect(await resolveConfinedPath(root, 'alias/new.txt')).toBe(path.join(root, 'data/new.txt'));
  });

  it('works when the root itself is reached through a symlink', async () => {
    const { root } = fixture();
    const linkedRoot = `${root}-link`;
    symlinkSync(root, linkedRoot);
    expect(await resolveConfinedPath(linkedRoot, 'data/a.txt')).toBe(path.join(root, 'data/a.txt'));
  });

  it('refuses a dangling symlink, whose target could be created anywhere', async () => {
    const { root, outside } = fixture();
    symlinkSync(path.join(outside, 'missing'), path.join(root, 'dangling'));
    expect((await refusal(root, 'dangling')).reason).toBe('dangling-symlink');
    expect((await refusal(root, 'dangling/x')).reason).toBe('dangling-symlink');
  });

  it('says when the root does not exist', async () => {
    const root = path.join(tempDir(), 'missing');
    const error: unknown = await resolveConfinedPath(root, 'a').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StorageNotFoundError);
    expect((error as StorageNotFoundError).code).toBe('JOBFLOOR_STORAGE_NOT_FOUND');
    expect((error as Error).message).toBe(`'${root}' does not exist; create the directory or correct the root`);
  });
});

describe('pathRefusal', () => {
  it('checks lexically only', () => {
    expect(pathRefusal('a/b/../c')).toBeUndefined();
    expect(pathRefusal('./a')).toBeUndefined();
    expect(pathRefusal('a/../..')).toBe('parent-segment');
    expect(pathRefusal('/a')).toBe('absolute');
    expect(pathRefusal('a\0')).toBe('nul-byte');
  });
});

