/**
 * The sim `HTTP_CALL` step: one GET with undici, the body read and dropped, and a verdict that
 * says whether trying again could help. Redirects are not followed: a 3xx is not the 2xx the
 * step asks for.
 */
import { request, type Dispatcher } from 'undici';

/** How an HTTP_CALL ended. `transient`: a retry may succeed (no answer, 408, 429, 5xx). */
export type HttpCallResult =
  | { readonly ok: true; readonly status: number }
  | { readonly ok: false; readonly transient: boolean; readonly reason: string; readonly status?: number };

/** Options of {@link simHttpCall}. */
export interface HttpCallOptions {
  /** Aborting rejects the call at once with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** The whole call, connect to last body byte. */
  readonly timeoutMs: number;
  /** Default: undici's global dispatcher. */
  readonly dispatcher?: Dispatcher | undefined;
}

// Statuses that say "not now" rather than "never".
function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

async function get(url: string, signal: AbortSignal, dispatcher: Dispatcher | undefined): Promise<HttpCallResult> {
  const response = await request(url, { method: 'GET', signal, ...(dispatcher === undefined ? {} : { dispatcher }) });
  // Read the body to its end so that the connection can be reused; its content does not matter.
  await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
  const { statusCode: status } = response;
  if (status >= 200 && status < 300) return { ok: true, status };
  const reason = `${url} answered ${status}${status >= 300 && status < 400 ? ' (redirects are not followed; call the final URL)' : ''}`;
  return { ok: false, transient: isTransientStatus(status), reason, status };
}

/**
 * GETs `url`. Resolves with the verdict; rejects only when `options.signal` aborts (with its
 * reason), so that the caller can tell a cancel from a failed call.
 */
export async function simHttpCall(url: string, options: HttpCallOptions): Promise<HttpCallResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  try {
    return await get(url, signal, options.dispatcher);
  } catch (error) {
    if (options.signal?.aborted === true) throw options.signal.reason;
    if (timeout.aborted) return { ok: false, transient: true, reason: `${url} did not answer within ${options.timeoutMs} ms` };
    // No answer at all (refused, reset, DNS): the other side may be back later.
    const cause = error as NodeJS.ErrnoException;
    return { ok: false, transient: true, reason: `${url} could not be reached (${cause.code ?? cause.message})` };
  }
}
