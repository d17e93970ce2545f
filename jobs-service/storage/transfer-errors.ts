/**
 * The errors of http transfers. Transient: 408, 429 and 5xx answers, timeouts, refused or broken
 * connections, temporary DNS failures. Permanent: other answers, a file too large, too many
 * redirects, an unknown host, a protocol error.
 */
import { StorageError } from './storage-errors.js';

/** Statuses that say "try again later" (RFC 9110: 408 Request Timeout, 429 Too Many Requests, 5xx). */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A server answered with a status other than 2xx. */
export class HttpStatusError extends StorageError {
  readonly url: string;
  readonly status: number;

  constructor(method: string, url: string, status: number) {
    const hint = isTransientStatus(status) ? 'the server may recover; the transfer can be tried again later' : 'check the URL and that the server allows this request';
    super('JOBFLOOR_STORAGE_HTTP_STATUS', `${method} ${url} answered ${status}; ${hint}`, { transient: isTransientStatus(status) });
    this.url = url;
    this.status = status;
  }
}

/** A server redirected more often than allowed. */
export class TooManyRedirectsError extends StorageError {
  readonly url: string;
  readonly maxRedirections: number;

  constructor(url: string, maxRedirections: number) {
    super('JOBFLOOR_STORAGE_TOO_MANY_REDIRECTS', `${url} redirected more than ${maxRedirections} time(s); give the final URL or raise maxRedirections`, { transient: false });
    this.url = url;
    this.maxRedirections = maxRedirections;
  }
}

/** A file larger than the limit; nothing of it is kept. */
export class TooLargeError extends StorageError {
  readonly source: string;
  readonly maxBytes: number;

  constructor(source: string, maxBytes: number) {
    super('JOBFLOOR_STORAGE_TOO_LARGE', `'${source}' is larger than maxBytes (${maxBytes} bytes); give a smaller file or raise maxBytes`, { transient: false });
    this.source = source;
    this.maxBytes = maxBytes;
  }
}

/** What a timeout waited for. */
export type TimeoutPhase = 'connect' | 'response';

/** Connecting, or waiting for the server's next bytes, took too long. */
export class TransferTimeoutError extends StorageError {
  readonly url: string;
  readonly phase: TimeoutPhase;

  constructor(url: string, phase: TimeoutPhase, timeoutMs: number, cause: unknown) {
    const what = phase === 'connect' ? `connecting took longer than connectTimeoutMs (${timeoutMs} ms)` : `the server was silent for longer than bodyTimeoutMs (${timeoutMs} ms)`;
    super('JOBFLOOR_STORAGE_TIMEOUT', `${url}: ${what}; the transfer can be tried again later`, { transient: true, cause });
    this.url = url;
    this.phase = phase;
  }
}

/** The connection could not be made or broke; `errno` is the system's code (ECONNRESET, ...). */
export class ConnectionFailedError extends StorageError {
  readonly url: string;
  readonly errno: string;

  constructor(url: string, errno: string, transient: boolean, cause: unknown) {
    const hint = transient ? 'the transfer can be tried again later' : 'check the host name in the URL';
    super('JOBFLOOR_STORAGE_CONNECTION_FAILED', `${url}: the connection failed (${errno}); ${hint}`, { transient, cause });
    this.url = url;
    this.errno = errno;
  }
}

/** Any other failure of an http request: a protocol error, a redirect loop. */
export class RequestFailedError extends StorageError {
  readonly url: string;

  constructor(url: string, cause: unknown) {
    const text = cause instanceof Error ? cause.message : String(cause);
    super('JOBFLOOR_STORAGE_REQUEST_FAILED', `${url}: the request failed: ${text}; check the URL and the server`, { transient: false, cause });
    this.url = url;
  }
}
