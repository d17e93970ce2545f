/**
 * Confinement: a path given relative to a root (a `file` storage system's rootDir, a job's work
 * directory) must name a place inside that root. DESIGN.md ("Storage systems ... `file` (a root
 * directory, with no path escaping it)") and issue 5 ("`..`, absolute paths and symlinks that
 * escape are refused"). The check is lexical first (NUL, absolute, `..` climbing above the root),
 * then physical: the deepest part of the path that exists is resolved with realpath, so a symlink
 * anywhere along it that points outside the root is refused. What does not exist yet (an archive
 * file about to be written) is checked through its nearest existing ancestor.
 *
 * A check cannot stop a process that swaps a directory for a symlink after it: readers open
 * the result with O_NOFOLLOW and writers rename into place (atomic-file-write.ts), which narrows
 * that window to the parent directories.
 */
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { errnoOf, fileFailure } from './file-failure.js';
import { PathRefusedError, type PathRefusal } from './storage-errors.js';

/**
 * What is lexically wrong with a relative path, or undefined: a NUL, an absolute path (POSIX, a
 * leading backslash or a drive letter), or `..` segments that climb above the start. `a/../b` is
 * fine. Backslashes count as separators here, so `..\x` is refused on every platform.
 */
export function pathRefusal(relativePath: string): PathRefusal | undefined {
  if (relativePath.includes('\0')) return 'nul-byte';
  if (/^[\\/]/.test(relativePath) || /^[A-Za-z]:/.test(relativePath)) return 'absolute';
  let depth = 0;
  for (const segment of relativePath.split(/[\\/]/)) {
    if (segment === '..') depth -= 1;
    else if (segment !== '' && segment !== '.') depth += 1;
    if (depth < 0) return 'parent-segment';
  }
  return undefined;
}

/** True when `candidate` (absolute, normalized) is `root` or lies below it. */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/** The real path of the root, or a not-found error that says the root is missing. */
async function realRoot(root: string): Promise<string> {
  try {
    return await realpath(root);
  } catch (error) {
    throw fileFailure(error, 'resolving root', root, 'create the directory or correct the root');
  }
}

/** True when something (a file, a directory, a symlink, even a dangling one) is at `file`. */
async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT' || errno === 'ENOTDIR') return false;
    throw fileFailure(error, 'inspecting', file);
  }
}

/** Splits `target` into its deepest existing ancestor (or itself) and the missing segments below it. */
async function deepestExisting(root: string, target: string): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  let existing = target;
  while (existing !== root && !(await exists(existing))) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return { existing, missing };
}

/** The real path of an existing path; a dangling symlink along it is refused. */
async function realExisting(root: string, relativePath: string, existing: string): Promise<string> {
  try {
    return await realpath(existing);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') throw new PathRefusedError(root, relativePath, 'dangling-symlink');
    throw fileFailure(error, 'resolving', existing);
  }
}

/**
 * The absolute path that `relativePath` names inside `root`, with every existing symlink
 * resolved. Throws `PathRefusedError` (JOBFLOOR_STORAGE_PATH_REFUSED, with `reason`) when the
 * path is absolute, holds a NUL, climbs above the root with `..`, or passes through a symlink that
 * points outside the root or nowhere; `StorageNotFoundError` when the root does not exist. The
 * path itself need not exist. `''` and `'.'` name the root.
 */
export async function resolveConfinedPath(root: string, relativePath: string): Promise<string> {
  const refusal = pathRefusal(relativePath);
  if (refusal !== undefined) throw new PathRefusedError(root, relativePath, refusal);
  const base = await realRoot(root);
  const { existing, missing } = await deepestExisting(base, path.resolve(base, relativePath));
  const real = await realExisting(root, relativePath, existing);
  if (!isInside(base, real)) throw new PathRefusedError(root, relativePath, 'symlink-escape');
  return path.join(real, ...missing);
}

/** `file` relative to `root`, with forward slashes: how paths appear in results and URLs. */
export function portableRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

