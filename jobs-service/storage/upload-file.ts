/**
 * Uploads a file to an `http` storage system with one streamed PUT (issue 5: archiving to an
 * http system). No redirects are followed: the streamed body cannot be sent twice, so a 3xx is
 * reported like any other non-2xx answer.
 */
import { request, type Dispatcher } from 'undici';
import { guessContentType } from './content-type.js';
import { openRegularFile } from './open-no-follow.js';
import { requestTimeouts } from './transfer-agent.js';
import { HttpStatusError } from './transfer-errors.js';
import { transferFailure } from './transfer-failure.js';
import type { TransferLimits } from './transfer-limits.js';

/** Where and how to upload. */
export interface UploadOptions {
  readonly limits: TransferLimits;
  readonly dispatcher: Dispatcher;
  readonly signal?: AbortSignal | undefined;
  /** The root that `file` is confined to and its path there, for errors. */
  readonly root: string;
  readonly shownPath: string;
}

/** The PUT itself; the answer's body is drained so the connection can be reused. */
async function put(url: string, file: string, options: UploadOptions): Promise<number> {
  const { handle, stats } = await openRegularFile(file, options.root, options.shownPath, 'it changed while archiving; archive again');
  const body = handle.createReadStream();
  const headers = { 'content-length': String(stats.size), 'content-type': guessContentType(file) };
  try {
    const response = await request(url, { method: 'PUT', body, headers, dispatcher: options.dispatcher, signal: options.signal, ...requestTimeouts(options.limits) });
    await response.body.dump().catch(() => undefined);
    if (response.statusCode < 200 || response.statusCode >= 300) throw new HttpStatusError('PUT', url, response.statusCode);
    return stats.size;
  } finally {
    // A server may answer before reading the whole body; the file must be closed all the same.
    body.destroy();
  }
}

/**
 * PUTs the regular file `file` to `url` and returns the bytes sent. Throws HttpStatusError for
 * a non-2xx answer (transient for 408, 429 and 5xx), TransferTimeoutError, ConnectionFailedError,
 * StorageAbortedError, or StorageIoError when the file cannot be read.
 */
export async function uploadFile(url: string, file: string, options: UploadOptions): Promise<number> {
  try {
    return await put(url, file, options);
  } catch (error) {
    throw transferFailure(error, url, options.limits, options.signal);
  }
}
