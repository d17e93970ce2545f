/**
 * Downloads an http(s) URL to a file as a stream (issue 5, "Storage": "downloaded with undici as
 * streams (size limit, timeouts, limited redirects)"). The body goes through a byte counter to a
 * temporary file that is renamed into place at the end, so the size limit holds while streaming
 * and a failed download leaves no file. Failures are storage errors whose `transient` says
 * whether to try again.
 */
import { request, type Dispatcher } from 'undici';
import { writeFileAtomically } from './atomic-file-write.js';
import { StorageAbortedError, UnsupportedLocationError } from './storage-errors.js';
import { createTransferAgent, followingRedirects, requestTimeouts } from './transfer-agent.js';
import { HttpStatusError, TooLargeError, TooManyRedirectsError } from './transfer-errors.js';
import { transferFailure } from './transfer-failure.js';
import { transferLimits, type TransferLimits, type TransferLimitsInput } from './transfer-limits.js';

/** Options of a download: limits (see transfer-limits.ts for defaults), a signal, a dispatcher. */
export interface DownloadOptions extends TransferLimitsInput {
  /** Aborts the download; the error is then StorageAbortedError. */
  readonly signal?: AbortSignal | undefined;
  /**
   * An undici dispatcher to share connections between downloads (createTransferAgent). Default:
   * an agent made for this download and closed after it. A given dispatcher keeps its own
   * connect timeout.
   */
  readonly dispatcher?: Dispatcher | undefined;
}

/** What a download fetched. */
export interface Download {
  readonly url: string;
  readonly file: string;
  readonly bytes: number;
}

type ResponseData = Dispatcher.ResponseData;

/** Refuses anything but http(s) before a connection is made. */
function checkScheme(url: string): void {
  if (!URL.canParse(url)) throw new UnsupportedLocationError(url, 'it is not a valid URL');
  const { protocol } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') throw new UnsupportedLocationError(url, `the scheme '${protocol}' is not supported`);
}

/** What is wrong with a response: a redirect past the limit, a non-2xx, an announced size too large. */
function responseFailure(url: string, response: ResponseData, limits: TransferLimits): Error | undefined {
  const { statusCode, headers } = response;
  if (statusCode >= 300 && statusCode < 400 && headers.location !== undefined) return new TooManyRedirectsError(url, limits.maxRedirections);
  if (statusCode < 200 || statusCode >= 300) return new HttpStatusError('GET', url, statusCode);
  const length = Number(headers['content-length'] ?? Number.NaN);
  return length > limits.maxBytes ? new TooLargeError(url, limits.maxBytes) : undefined;
}

/**
 * Throws the response's failure, if it has one. Its body is dumped first: undici reads a small
 * one to keep the connection and cuts off one announced larger than 128 KiB.
 */
async function checkResponse(url: string, response: ResponseData, limits: TransferLimits): Promise<void> {
  const failure = responseFailure(url, response, limits);
  if (failure === undefined) return;
  await response.body.dump().catch(() => undefined);
  throw failure;
}

/** The download on `dispatcher`; errors are raw and mapped by the caller. */
async function fetchToFile(url: string, destinationFile: string, limits: TransferLimits, dispatcher: Dispatcher, signal: AbortSignal | undefined): Promise<number> {
  const response = await request(url, { method: 'GET', dispatcher: followingRedirects(dispatcher, limits.maxRedirections), signal, ...requestTimeouts(limits) });
  await checkResponse(url, response, limits);
  return await writeFileAtomically(response.body, destinationFile, { sourceName: url, maxBytes: limits.maxBytes, signal });
}

/**
 * Downloads `url` (http or https) to `destinationFile`, creating its directory; an existing file
 * is replaced only when the download succeeds. Throws a StorageError: UnsupportedLocationError
 * (not http(s)), HttpStatusError (non-2xx; transient for 408, 429 and 5xx), TooManyRedirectsError,
 * TooLargeError (announced or counted beyond maxBytes), TransferTimeoutError and
 * ConnectionFailedError (transient), StorageAbortedError, StorageIoError (writing the file).
 */
export async function downloadUrl(url: string, destinationFile: string, options: DownloadOptions = {}): Promise<Download> {
  const { signal, dispatcher, ...given } = options;
  const limits = transferLimits(given);
  checkScheme(url);
  if (signal?.aborted === true) throw new StorageAbortedError(`the transfer of ${url}`, signal.reason);
  const agent = dispatcher ?? createTransferAgent(limits);
  try {
    const bytes = await fetchToFile(url, destinationFile, limits, agent, signal);
    return { url, file: destinationFile, bytes };
  } catch (error) {
    throw transferFailure(error, url, limits, signal);
  } finally {
    if (dispatcher === undefined) await agent.destroy();
  }
}
