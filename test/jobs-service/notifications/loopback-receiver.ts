import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedRequest {
  readonly method: string;
  /** The path and query string exactly as sent (still percent-encoded). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body parsed as JSON. */
  readonly body: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 (port 0) that records every request and answers it with the
 * status `answer` chooses (200 unless a test says otherwise): the notifications' receiver.
 * Unanswered requests are cut off by close().
 */
export class LoopbackReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** Chooses the status of each answer (it sees the request and the ones before it); `'never'` leaves the request unanswered. */
  answer: (request: ReceivedRequest) => number | 'never' = () => 200;

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:PORT`, without a trailing slash. */
    readonly url: string,
  ) {}

  static async start(): Promise<LoopbackReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new LoopbackReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const received = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
        receiver.requests.push(received);
        const status = receiver.answer(received);
        if (status !== 'never') response.writeHead(status).end();
      });
    });
    return receiver;
  }

  /** Requests whose path starts with `prefix`. */
  to(prefix: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.url.startsWith(prefix));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
