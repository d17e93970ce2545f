/**
 * The SHA-256 checksum of a file. Hashing a large input is CPU work that would hold the event
 * loop, so it is a standalone function of a path returning a string: both cross a thread boundary
 * as they are, and the lifecycle can run it as a job on the `cpu` thread-pool team (DESIGN.md,
 * "Teams") and hand it to stageInputs as its `checksum` option.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileFailure } from './file-failure.js';

/** A function that checksums the file at a path, e.g. sha256File or one that runs it on a worker thread. */
export type ChecksumFile = (file: string) => Promise<string>;

/** The SHA-256 of the file at `file`, as 64 lowercase hex digits. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(file), hash);
  } catch (error) {
    throw fileFailure(error, 'checksumming', file);
  }
  return hash.digest('hex');
}
