/**
 * Opens one output file for `GET /jobs/v2/{id}/outputs/media/{path}`: confined to the work
 * directory, opened without following a symlink swapped in after the check, and described from
 * the open file itself (size, modification time) so the answer's headers match the bytes sent.
 */
import type { ReadStream } from 'node:fs';
import path from 'node:path';
import { guessContentType } from './content-type.js';
import { openRegularFile } from './open-no-follow.js';
import { resolveOutputPath } from './output-path.js';
import { defaultHiddenOutputs } from './work-directory.js';

/** An opened output: read `stream` to the end, or destroy it, to close the file. */
export interface OpenedOutput {
  readonly stream: ReadStream;
  readonly name: string;
  readonly size: number;
  /** A guess from the extension; see content-type.ts for how to serve it safely. */
  readonly contentType: string;
  /** ISO 8601, UTC. */
  readonly lastModified: string;
}

/** How to open. */
export interface OpenOutputOptions {
  /** Work-directory-relative paths never opened. Default: `.jobfloor`. */
  readonly hidden?: readonly string[] | undefined;
}

/**
 * Opens the regular file `relativePath` in `workDir`. Throws PathRefusedError for an escape,
 * StorageNotFoundError for a missing or hidden file, NotAFileError for a directory or special file.
 */
export async function openOutput(workDir: string, relativePath: string, options: OpenOutputOptions = {}): Promise<OpenedOutput> {
  const resolved = await resolveOutputPath(workDir, relativePath, options.hidden ?? defaultHiddenOutputs);
  const { handle, stats } = await openRegularFile(resolved.target, resolved.workDir, resolved.relative, 'only regular files can be downloaded; list a directory with the outputs listing');
  const name = path.posix.basename(resolved.relative);
  return { stream: handle.createReadStream(), name, size: stats.size, contentType: guessContentType(name), lastModified: stats.mtime.toISOString() };
}
