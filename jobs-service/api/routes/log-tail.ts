/**
 * The end of an app's stdout or stderr file for `GET /jobs/v2/{id}/log`. The files lie in the
 * work directory's bookkeeping folder (execution/work-dir-layout.ts), which the app can write to:
 * the path is confined like any output (a symlink is followed only while it stays inside the work
 * directory) and the real path then opened without following a symlink swapped in after the
 * check, so a run cannot turn its "stdout" into a window on the service's files.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { workDirLayout } from '../../execution/index.js';
import { PathRefusedError, resolveConfinedPath, StorageNotFoundError } from '../../storage/index.js';

/** The end of one output stream. */
export interface LogTail {
  /** The last bytes read as UTF-8 (an invalid sequence becomes U+FFFD). */
  readonly text: string;
  /** The whole file's size in bytes. */
  readonly size: number;
  /** True when the file holds more than `text`: the earlier bytes were left out. */
  readonly truncated: boolean;
}

/** The tail of a stream with no file yet: a job not started, or an app that wrote nothing. */
export const emptyTail: LogTail = Object.freeze({ text: '', size: 0, truncated: false });

/** Errnos that mean there is no readable file of ours there: missing, or a symlink (O_NOFOLLOW). */
const absentErrnos = new Set(['ENOENT', 'ENOTDIR', 'ELOOP']);

/**
 * The number of UTF-8 continuation bytes (10xxxxxx) at the start of `bytes`, at most 3: a tail
 * cut inside a character starts with them, and skipping them starts the text on a whole one.
 */
function leadingContinuationBytes(bytes: Buffer): number {
  let count = 0;
  while (count < 3 && count < bytes.length && ((bytes[count] ?? 0) & 0xc0) === 0x80) count += 1;
  return count;
}

/** Reads `length` bytes from `position`, or fewer if the file ends sooner. */
async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** The last `maxBytes` of the open regular file `handle`, or emptyTail when it is anything else. */
async function tailOf(handle: FileHandle, maxBytes: number): Promise<LogTail> {
  const stats = await handle.stat();
  if (!stats.isFile()) return emptyTail;
  const start = Math.max(0, stats.size - maxBytes);
  const bytes = await readAt(handle, start, stats.size - start);
  const text = (start > 0 ? bytes.subarray(leadingContinuationBytes(bytes)) : bytes).toString('utf8');
  return { text, size: stats.size, truncated: start > 0 };
}

/** Opens `file` read-only without following a final symlink; undefined when there is nothing to read. */
async function openPlain(file: string): Promise<FileHandle | undefined> {
  try {
    // O_NONBLOCK: a FIFO put in place of the file must not hang the request until a writer comes.
    return await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (absentErrnos.has((error as { code?: string }).code ?? '')) return undefined;
    throw error;
  }
}

/**
 * The last `maxBytes` bytes of the app's `stream` in `workDir`. A missing file, or one that is not
 * a regular file inside the work directory (a symlink leading out of it, a directory, a FIFO),
 * reads as empty: there is no output of the app's to show, and nothing the client could fix.
 */
export async function readLogTail(workDir: string, stream: 'stdout' | 'stderr', maxBytes: number): Promise<LogTail> {
  let file: string;
  try {
    file = await resolveConfinedPath(workDir, path.relative(workDir, workDirLayout(workDir)[stream]));
  } catch (error) {
    if (error instanceof PathRefusedError || error instanceof StorageNotFoundError) return emptyTail;
    throw error;
  }
  const handle = await openPlain(file);
  if (handle === undefined) return emptyTail;
  try {
    return await tailOf(handle, maxBytes);
  } finally {
    await handle.close();
  }
}
