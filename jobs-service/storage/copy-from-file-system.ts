/**
 * Copies a file or a directory tree from a `file` storage system into the work directory. Every
 * path read is confined to the system's root (confined-path.ts): a symlink in the tree that
 * points inside the root is followed (its target's content is copied), one that points outside
 * refuses the whole copy. A directory reached twice through symlinks is copied once, which also
 * ends symlink cycles. Sockets, FIFOs and devices are refused.
 */
import type { Stats } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from './atomic-file-write.js';
import { resolveConfinedPath } from './confined-path.js';
import { fileFailure } from './file-failure.js';
import { openRegularFile } from './open-no-follow.js';
import type { FileStorageSystem } from './storage-systems.js';
import { NotAFileError, StorageAbortedError } from './storage-errors.js';

/** One copied file: where it was written and its size. */
export interface CopiedFile {
  readonly file: string;
  readonly bytes: number;
}

/** How to copy: the size limit per file and the signal that aborts. */
export interface CopyOptions {
  readonly maxBytes: number;
  readonly signal?: AbortSignal | undefined;
}

/** A copy in progress: the system, what was visited, what was written. */
interface CopyRun {
  readonly system: FileStorageSystem;
  readonly options: CopyOptions;
  readonly visited: Set<string>;
  readonly copied: CopiedFile[];
}

/** The stats of a confined source path; ENOENT says which system lacks it. */
async function sourceStats(run: CopyRun, relativePath: string, source: string): Promise<Stats> {
  try {
    return await stat(source);
  } catch (error) {
    throw fileFailure(error, 'reading', `${run.system.id}:${relativePath}`, `check the path on storage system '${run.system.id}' (root ${run.system.rootDir})`);
  }
}

/** Copies one regular file, opened without following a symlink swapped in since the check. */
async function copyFile(run: CopyRun, relativePath: string, source: string, destination: string): Promise<void> {
  const sourceName = `${run.system.id}:${relativePath}`;
  const { handle } = await openRegularFile(source, run.system.rootDir, relativePath, 'only regular files and directories can be staged');
  const stream = handle.createReadStream();
  const bytes = await writeFileAtomically(stream, destination, { sourceName, maxBytes: run.options.maxBytes, signal: run.options.signal }).catch((error: unknown) => Promise.reject(fileFailure(error, 'reading', sourceName)));
  run.copied.push({ file: destination, bytes });
}

/** Copies the entries of a directory, each confined on its own. */
async function copyDirectory(run: CopyRun, relativePath: string, source: string, destination: string): Promise<void> {
  if (run.visited.has(source)) return;
  run.visited.add(source);
  await mkdir(destination, { recursive: true }).catch((error: unknown) => Promise.reject(fileFailure(error, 'creating', destination)));
  const names = await readdir(source).catch((error: unknown) => Promise.reject(fileFailure(error, 'listing', `${run.system.id}:${relativePath}`)));
  for (const name of names.sort()) {
    await copyPath(run, path.posix.join(relativePath, name), path.join(destination, name));
  }
}

/** Copies what `relativePath` names on the system to `destination`. */
async function copyPath(run: CopyRun, relativePath: string, destination: string): Promise<void> {
  if (run.options.signal?.aborted === true) throw new StorageAbortedError(`copying from storage system '${run.system.id}'`, run.options.signal.reason);
  const source = await resolveConfinedPath(run.system.rootDir, relativePath);
  const stats = await sourceStats(run, relativePath, source);
  if (stats.isDirectory()) return copyDirectory(run, relativePath, source, destination);
  if (!stats.isFile()) throw new NotAFileError(`${run.system.id}:${relativePath}`, 'special file', 'only regular files and directories can be staged');
  return copyFile(run, relativePath, source, destination);
}

/**
 * Copies `relativePath` on `system` (a file, or a directory with everything below it) to
 * `destination`, and returns every file written, in a stable order. Throws PathRefusedError for
 * a path or symlink that leaves the root, StorageNotFoundError, NotAFileError for special files,
 * TooLargeError for a file beyond maxBytes, StorageAbortedError and StorageIoError.
 */
export async function copyFromFileSystem(system: FileStorageSystem, relativePath: string, destination: string, options: CopyOptions): Promise<{ type: 'file' | 'dir'; files: CopiedFile[] }> {
  const run: CopyRun = { system, options, visited: new Set(), copied: [] };
  await copyPath(run, relativePath, destination);
  return { type: run.visited.size > 0 ? 'dir' : 'file', files: run.copied };
}
