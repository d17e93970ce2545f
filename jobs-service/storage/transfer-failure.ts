/**
 * Turns whatever an http transfer threw (undici's `UND_ERR_*` errors, Node's socket errnos) into
 * a storage error that says whether trying again may help. Undici's codes are stable, so the
 * mapping routes on them, never on message text.
 */
import { errnoOf } from './file-failure.js';
import { StorageAbortedError, StorageError } from './storage-errors.js';
import type { TransferLimits } from './transfer-limits.js';
import { ConnectionFailedError, RequestFailedError, TransferTimeoutError } from './transfer-errors.js';

/** Codes of a connection that failed or broke but may work next time. */
const transientConnectionCodes = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** Codes of a connection that will not work until the URL changes: the host does not exist. */
const permanentConnectionCodes = new Set(['ENOTFOUND']);

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** True when this module knows what `code` means. */
function isKnown(code: string): boolean {
  return timeoutCodes.has(code) || transientConnectionCodes.has(code) || permanentConnectionCodes.has(code);
}

/**
 * The first known code along the error and its causes (undici wraps a socket's ECONNRESET in
 * UND_ERR_SOCKET, fetch-style errors hide it in `cause`), else the error's own code.
 */
function knownCode(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const code = errnoOf(current);
    if (code !== undefined && isKnown(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return errnoOf(error);
}

/** The error of a transfer timeout, or undefined when `code` is no timeout. */
function timeoutFailure(url: string, code: string, limits: TransferLimits, error: unknown): StorageError | undefined {
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new TransferTimeoutError(url, 'connect', limits.connectTimeoutMs, error);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return new TransferTimeoutError(url, 'response', limits.bodyTimeoutMs, error);
  return undefined;
}

/**
 * The storage error for a failed transfer of `url`. Storage errors pass through; an aborted
 * `signal` wins over whatever the abort made the transfer throw.
 */
export function transferFailure(error: unknown, url: string, limits: TransferLimits, signal: AbortSignal | undefined): Error {
  if (signal?.aborted === true) return new StorageAbortedError(`the transfer of ${url}`, signal.reason);
  if (error instanceof StorageError) return error;
  const code = knownCode(error) ?? 'UNKNOWN';
  const timeout = timeoutFailure(url, code, limits, error);
  if (timeout !== undefined) return timeout;
  if (transientConnectionCodes.has(code)) return new ConnectionFailedError(url, code, true, error);
  if (permanentConnectionCodes.has(code)) return new ConnectionFailedError(url, code, false, error);
  return new RequestFailedError(url, error);
}
