/**
 * A path into a job's work directory as the outputs routes receive it
 * (`GET /jobs/v2/{id}/outputs/listing/{path}`, `.../media/{path}`): checked, normalized and
 * resolved inside the work directory. Hidden paths (the bookkeeping, by default) are answered as
 * missing, so that a listing and a download agree and reveal nothing about them; so is a symlink
 * that leads into one.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { pathRefusal, portableRelative, resolveConfinedPath } from './confined-path.js';
import { fileFailure } from './file-failure.js';
import { PathRefusedError, StorageNotFoundError } from './storage-errors.js';
import { isUnder } from './work-directory.js';

/** A resolved output path: the real work directory, the normalized relative path, the real target. */
export interface OutputPath {
  readonly workDir: string;
  readonly relative: string;
  readonly target: string;
}

/** `relativePath` with forward slashes, `.` and `..` folded, no leading `./` or trailing `/`; `''` is the work directory. */
export function normalizeOutputPath(relativePath: string): string {
  const normalized = path.posix.normalize(relativePath.replaceAll('\\', '/')).replace(/\/+$/, '');
  return normalized === '.' ? '' : normalized;
}

/** The real path of the work directory; a missing one is a not-found error. */
async function realWorkDir(workDir: string): Promise<string> {
  try {
    return await realpath(workDir);
  } catch (error) {
    throw fileFailure(error, 'opening the work directory', workDir, 'the job has no work directory yet, or it was removed');
  }
}

/**
 * Resolves `relativePath` in `workDir`. Throws PathRefusedError for an escape, and
 * StorageNotFoundError for a hidden path or a missing work directory (the target itself may be
 * missing; the caller finds out when it reads it).
 */
export async function resolveOutputPath(workDir: string, relativePath: string, hidden: readonly string[]): Promise<OutputPath> {
  const refusal = pathRefusal(relativePath);
  if (refusal !== undefined) throw new PathRefusedError(workDir, relativePath, refusal);
  const relative = normalizeOutputPath(relativePath);
  if (isUnder(relative, hidden)) throw new StorageNotFoundError(relative, 'list the outputs to see what there is');
  const root = await realWorkDir(workDir);
  const target = await resolveConfinedPath(root, relative);
  if (isUnder(portableRelative(root, target), hidden)) throw new StorageNotFoundError(relative, 'list the outputs to see what there is');
  return { workDir: root, relative, target };
}
