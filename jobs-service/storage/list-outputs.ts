/**
 * Lists a directory of a job's outputs for `GET /jobs/v2/{id}/outputs/listing[/{path}]`.
 * Everything is confined to the work directory: a symlink is listed as what it points to when
 * that is inside the work directory, and left out when it points outside or nowhere, so a listing
 * never reveals the host. Hidden paths (the bookkeeping) are left out too.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileFailure } from './file-failure.js';
import { resolveOutputPath } from './output-path.js';
import { StorageError } from './storage-errors.js';
import { defaultHiddenOutputs, isUnder } from './work-directory.js';

/** One entry of a listing. */
export interface OutputEntry {
  readonly name: string;
  /** Relative to the work directory, forward slashes: what to pass to openOutput or list next. */
  readonly path: string;
  readonly type: 'file' | 'dir';
  /** Bytes of a file; a directory's size as the file system reports it. */
  readonly size: number;
  /** ISO 8601, UTC. */
  readonly lastModified: string;
}

/** How to list. */
export interface ListOutputsOptions {
  /** Work-directory-relative paths never listed nor opened. Default: `.jobfloor`. */
  readonly hidden?: readonly string[] | undefined;
  /** Entries to skip, in name order. Default 0. */
  readonly offset?: number | undefined;
  /** Most entries returned. Default: all. */
  readonly limit?: number | undefined;
}

/** The entry for `stats`, or undefined for what is neither a file nor a directory. */
function entryOf(relative: string, stats: Stats): OutputEntry | undefined {
  if (!stats.isFile() && !stats.isDirectory()) return undefined;
  const name = path.posix.basename(relative);
  return { name, path: relative, type: stats.isFile() ? 'file' : 'dir', size: stats.size, lastModified: stats.mtime.toISOString() };
}

/** The entry of one child, through a confined symlink if it is one; undefined when it escapes, is hidden or vanished. */
async function childEntry(workDir: string, relative: string, hidden: readonly string[]): Promise<OutputEntry | undefined> {
  try {
    return entryOf(relative, await stat((await resolveOutputPath(workDir, relative, hidden)).target));
  } catch (error) {
    if (error instanceof StorageError || (error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw fileFailure(error, 'inspecting', relative);
  }
}

/** The children of a directory, in name order, paged. */
async function directoryEntries(workDir: string, relative: string, target: string, hidden: readonly string[], options: ListOutputsOptions): Promise<OutputEntry[]> {
  const names = await readdir(target).catch((error: unknown) => Promise.reject(fileFailure(error, 'listing', relative)));
  const visible = names.map((name) => (relative === '' ? name : `${relative}/${name}`)).filter((child) => !isUnder(child, hidden)).sort();
  const offset = options.offset ?? 0;
  const page = visible.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
  const entries = await Promise.all(page.map((child) => childEntry(workDir, child, hidden)));
  return entries.filter((entry): entry is OutputEntry => entry !== undefined);
}

/**
 * The entries of the directory `relativePath` (`''` for the work directory itself) in `workDir`,
 * or the one entry of a file. Throws PathRefusedError for an escape, StorageNotFoundError for a
 * path (or work directory) that does not exist or is hidden.
 */
export async function listOutputs(workDir: string, relativePath = '', options: ListOutputsOptions = {}): Promise<OutputEntry[]> {
  const hidden = options.hidden ?? defaultHiddenOutputs;
  const resolved = await resolveOutputPath(workDir, relativePath, hidden);
  const stats = await stat(resolved.target).catch((error: unknown) => Promise.reject(fileFailure(error, 'listing', resolved.relative, 'list its parent directory to see what there is')));
  if (!stats.isDirectory()) {
    const entry = entryOf(resolved.relative, stats);
    return entry === undefined ? [] : [entry];
  }
  return directoryEntries(resolved.workDir, resolved.relative, resolved.target, hidden, options);
}
