/**
 * A real HTTP server on 127.0.0.1 and a free port (STYLE.md, habit 9: real dependencies at the
 * edges), for downloads, http storage systems and archive uploads. Each test gives its handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** A request the server received, with its body. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** A running server: its base URL (ending in `/`) and what it received. */
export interface LoopbackServer {
  readonly url: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Handles one request; `body` is the request's body, read in full. */
export type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
}

/** Starts a server; it is closed after the test (or earlier by `close()`). */
export function useLoopbackServers(): (handler: Handler) => Promise<LoopbackServer> {
  const open: Server[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).filter((server) => server.listening).map(closeServer));
  });
  return async (handler) => {
    const received: ReceivedRequest[] = [];
    const server = createServer((request, response) => {
      void readBody(request).then((body) => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        handler(request, response, body);
      });
    });
    open.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/`, received, close: () => closeServer(server) };
  };
}
