/**
 * Writes a stream to a file so that the file is either complete or absent: the bytes go to a
 * temporary file beside it, which is renamed into place only when the stream ended well. A failed,
 * aborted or oversized transfer leaves nothing behind, and a reader never sees half a file. The
 * rename also replaces a symlink at the destination instead of writing through it.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteLimit } from './byte-limit.js';
import { fileFailure } from './file-failure.js';
import { StorageAbortedError } from './storage-errors.js';

/** How to write: the source's name for messages, the size limit, and the signal that aborts. */
export interface AtomicWriteOptions {
  /** What the bytes come from (a URL, a path), named in errors. */
  readonly sourceName: string;
  /** More bytes than this fail the write with TooLargeError. */
  readonly maxBytes: number;
  readonly signal?: AbortSignal | undefined;
}

/** The temporary file for `destination`: hidden, beside it (same file system, so rename is atomic), unique. */
function temporaryFile(destination: string): string {
  return path.join(path.dirname(destination), `.${path.basename(destination)}.${randomUUID().slice(0, 8)}.part`);
}

/** The error to report: an abort, a local write failure, or the source's error as it is. */
function writeFailure(error: unknown, temporary: string, destination: string, options: AtomicWriteOptions): unknown {
  if (options.signal?.aborted === true) return new StorageAbortedError(`writing '${destination}'`, options.signal.reason);
  const failedPath = (error as { path?: unknown } | null)?.path;
  return failedPath === temporary ? fileFailure(error, 'writing', destination) : error;
}

/**
 * Streams `source` into `destination` (parent directories created) and returns the number of
 * bytes written. On any failure the temporary file is removed and the error is thrown: a
 * StorageError for an abort, the size limit or a local write failure, else the source's own.
 */
export async function writeFileAtomically(source: Readable, destination: string, options: AtomicWriteOptions): Promise<number> {
  await mkdir(path.dirname(destination), { recursive: true }).catch((error: unknown) => {
    // An undici body emits an error when destroyed unread; nobody else listens to it here.
    source.on('error', () => undefined).destroy();
    throw fileFailure(error, 'creating the directory of', destination);
  });
  const temporary = temporaryFile(destination);
  const limit = new ByteLimit(options.sourceName, options.maxBytes);
  try {
    await pipeline(source, limit, createWriteStream(temporary, { flags: 'wx' }), { signal: options.signal });
    await rename(temporary, destination).catch((error: unknown) => Promise.reject(fileFailure(error, 'renaming into', destination)));
    return limit.bytes;
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeFailure(error, temporary, destination, options);
  }
}
