/**
 * The files a run created in its work directory: every regular file below it, except what is
 * excluded (by default the staged inputs and the service's bookkeeping, work-directory.ts).
 * Symlinks are never followed: a run could link to any file the service can read, and archiving
 * copies only what the run wrote. They are reported as skipped, as are sockets, FIFOs and devices.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileFailure } from './file-failure.js';
import { isUnder } from './work-directory.js';

/** A regular file of the run: its path relative to the work directory (forward slashes), absolute path and size. */
export interface RunFile {
  readonly path: string;
  readonly file: string;
  readonly bytes: number;
}

/** A work directory entry that is not archived, and why. */
export interface SkippedEntry {
  readonly path: string;
  readonly reason: 'symlink' | 'special file';
}

/** The run's files and what was skipped, each sorted by path. */
export interface RunFiles {
  readonly files: RunFile[];
  readonly skipped: SkippedEntry[];
}

/** The entries of a directory, by name. */
async function entries(directory: string): Promise<Dirent[]> {
  const list = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => Promise.reject(fileFailure(error, 'listing', directory)));
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Adds one entry (and, for a directory, everything below it) to `found`. */
async function visit(directory: string, entry: Dirent, relativeDirectory: string, exclude: readonly string[], found: RunFiles): Promise<void> {
  const relative = relativeDirectory === '' ? entry.name : `${relativeDirectory}/${entry.name}`;
  if (isUnder(relative, exclude)) return;
  const file = path.join(directory, entry.name);
  if (entry.isSymbolicLink()) found.skipped.push({ path: relative, reason: 'symlink' });
  else if (entry.isDirectory()) await walk(file, relative, exclude, found);
  else if (!entry.isFile()) found.skipped.push({ path: relative, reason: 'special file' });
  else {
    const stats = await lstat(file).catch((error: unknown) => Promise.reject(fileFailure(error, 'inspecting', file)));
    found.files.push({ path: relative, file, bytes: stats.size });
  }
}

/** Walks `directory`, depth first, in name order. */
async function walk(directory: string, relativeDirectory: string, exclude: readonly string[], found: RunFiles): Promise<void> {
  for (const entry of await entries(directory)) await visit(directory, entry, relativeDirectory, exclude, found);
}

/**
 * The regular files below `workDir` (a real path) whose relative paths are not under one of
 * `exclude` (relative paths, e.g. `inputs`, `.jobfloor`), with what was skipped.
 */
export async function listRunFiles(workDir: string, exclude: readonly string[]): Promise<RunFiles> {
  const found: RunFiles = { files: [], skipped: [] };
  await walk(workDir, '', exclude, found);
  return found;
}
