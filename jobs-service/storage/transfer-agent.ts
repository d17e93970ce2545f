/**
 * The undici dispatchers that storage transfers use. One agent serves a whole staging or
 * archiving phase, so downloads from one host share connections; its connect timeout is the
 * limit's. Redirects are an interceptor (undici 7 dropped the per-request option), added only
 * for downloads: an upload's streamed body cannot be sent twice.
 */
import { Agent, interceptors, type Dispatcher } from 'undici';
import type { TransferLimits } from './transfer-limits.js';

/** An agent whose connections time out by `limits`. Close it when the phase is done. */
export function createTransferAgent(limits: TransferLimits): Agent {
  return new Agent({ connect: { timeout: limits.connectTimeoutMs }, headersTimeout: limits.bodyTimeoutMs, bodyTimeout: limits.bodyTimeoutMs });
}

/**
 * `dispatcher` following at most `maxRedirections` redirects. Past the limit the last redirect
 * reaches the caller as it is (a 3xx with a Location), which downloadUrl reports: undici's own
 * `throwOnMaxRedirect` would also refuse a final answer that arrives exactly at the limit.
 */
export function followingRedirects(dispatcher: Dispatcher, maxRedirections: number): Dispatcher {
  return dispatcher.compose(interceptors.redirect({ maxRedirections }));
}

/** The request options every transfer sets, whatever dispatcher it runs on. */
export function requestTimeouts(limits: TransferLimits): { headersTimeout: number; bodyTimeout: number } {
  return { headersTimeout: limits.bodyTimeoutMs, bodyTimeout: limits.bodyTimeoutMs };
}
