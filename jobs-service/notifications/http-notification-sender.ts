import { Agent, request } from 'undici';
import type { NotificationBody } from './notification-body.js';

/** The result of one POST: sent, or why not and whether trying again could help. */
export type SendResult = { readonly ok: true } | { readonly ok: false; readonly error: string; readonly permanent: boolean };

// A receiver's answer is not read, only drained so the connection can be reused; past this
// size the connection is closed instead.
const MAX_DRAINED_BYTES = 64 * 1024;

// undici's own timeouts, which fire as early as the overall one when a request stalls in that phase.
const noAnswerCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** A short, single-line account of a failed request, for `last_error` and the log. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  if (error.name === 'TimeoutError' || (typeof code === 'string' && noAnswerCodes.has(code))) return `no answer within ${timeoutMs} ms`;
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return `could not connect within ${timeoutMs} ms`;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}${cause}`;
}

/**
 * POSTs notification bodies as JSON with undici. It owns its connection pool, so that stopping
 * the deliverer closes every socket it opened. Redirects are not followed: a 3xx counts as a
 * failed attempt, like any answer outside 2xx.
 */
export class HttpNotificationSender {
  readonly #agent: Agent;
  readonly #timeoutMs: number;

  /** `timeoutMs` bounds each request as a whole: connecting, sending, and the answer. */
  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.#agent = new Agent({ connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  /** Sends `body` to `url`. Never rejects: every failure is described in the result. */
  async post(url: string, body: NotificationBody): Promise<SendResult> {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      return { ok: false, error: `'${url}' is not an http(s) URL once its templates are filled`, permanent: true };
    }
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.#agent,
        headers: { 'content-type': 'application/json', 'user-agent': 'jobfloor-notifications' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await response.body.dump({ limit: MAX_DRAINED_BYTES }).catch(() => undefined);
      if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true };
      return { ok: false, error: `the receiver answered HTTP ${response.statusCode}`, permanent: false };
    } catch (error) {
      return { ok: false, error: describeFailure(error, this.#timeoutMs), permanent: false };
    }
  }

  /** Closes the connections; waits for requests in flight. */
  async close(): Promise<void> {
    await this.#agent.close();
  }
}
