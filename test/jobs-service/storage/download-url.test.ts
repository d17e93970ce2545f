/** Streaming downloads with limits: jobs-service/storage/download-url.ts, against a loopback server. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConnectionFailedError,
  HttpStatusError,
  RequestFailedError,
  StorageAbortedError,
  StorageError,
  StorageIoError,
  TooLargeError,
  TooManyRedirectsError,
  TransferTimeoutError,
  UnsupportedLocationError,
  downloadUrl,
  isTransientStorageError,
} from '../../../jobs-service/storage/index.js';
import { useLoopbackServers, type Handler } from './support/loopback-server.js';
import { useTempDirs } from './support/temp-dirs.js';

const startServer = useLoopbackServers();
const tempDir = useTempDirs();

/** Resolves when the server has sent the first part of a stalled body. */
function stalledBody(): { handler: Handler; sent: Promise<void> } {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const handler: Handler = (_request, response) => {
    response.writeHead(200, { 'content-length': '1000' });
    response.write('partial', () => markSent());
  };
  return { handler, sent };
}

/** Serves `/redirect/<n>` as n redirects before the content. */
const redirects: Handler = (request, response) => {
  const left = Number(request.url?.split('/').at(-1));
  if (left > 0) response.writeHead(302, { location: `/redirect/${left - 1}` }).end();
  else response.end('arrived');
};

async function failure(promise: Promise<unknown>): Promise<StorageError> {
  const error: unknown = await promise.catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describe('downloadUrl', () => {
  it('streams a URL into a new file, creating its directory, and leaves no temporary file', async () => {
    const server = await startServer((_request, response) => response.end('hello inputs'));
    const destination = path.join(tempDir(), 'inputs/data/hello.txt');
    const download = await downloadUrl(`${server.url}hello.txt`, destination);
    expect(download).toEqual({ url: `${server.url}hello.txt`, file: destination, bytes: 12 });
    expect(readFileSync(destination, 'utf8')).toBe('hello inputs');
    expect(readdirSync(path.dirname(destination))).toEqual(['hello.txt']);
  });

  it('reports 404 as a permanent status error and keeps an existing file untouched', async () => {
    const server = await startServer((_request, response) => response.writeHead(404).end('not here'));
    const destination = path.join(tempDir(), 'kept.txt');
    writeFileSync(destination, 'old content');
    const error = await failure(downloadUrl(`${server.url}missing.txt`, destination));
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_HTTP_STATUS', status: 404, transient: false });
    expect(error.message).toBe(`GET ${server.url}missing.txt answered 404; check the URL and that the server allows this request`);
    expect(readFileSync(destination, 'utf8')).toBe('old content');
  });

  it('reports 503 as transient', async () => {
    const server = await startServer((_request, response) => response.writeHead(503).end());
    const destination = path.join(tempDir(), 'x');
    const error = await failure(downloadUrl(`${server.url}busy`, destination));
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_HTTP_STATUS', status: 503, transient: true });
    expect(isTransientStorageError(error)).toBe(true);
    expect(existsSync(destination)).toBe(false);
  });

  it('refuses a body announced larger than maxBytes before reading it', async () => {
    const server = await startServer((_request, response) => response.writeHead(200, { 'content-length': '100' }).end('x'.repeat(100)));
    const dir = tempDir();
    const error = await failure(downloadUrl(`${server.url}big`, path.join(dir, 'big'), { maxBytes: 10 }));
    expect(error).toBeInstanceOf(TooLargeError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_TOO_LARGE', maxBytes: 10, transient: false });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops a body without Content-Length once it passes maxBytes, leaving no file', async () => {
    const server = await startServer((_request, response) => {
      response.write('12345');
      response.write('6789012345678901234567890', () => response.end());
    });
    const dir = tempDir();
    const error = await failure(downloadUrl(`${server.url}streamed`, path.join(dir, 'streamed'), { maxBytes: 10 }));
    expect(error).toBeInstanceOf(TooLargeError);
    expect(error.message).toBe(`'${server.url}streamed' is larger than maxBytes (10 bytes); give a smaller file or raise maxBytes`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('follows redirects up to maxRedirections and refuses one more', async () => {
    const server = await startServer(redirects);
    const dir = tempDir();
    const followed = await downloadUrl(`${server.url}redirect/2`, path.join(dir, 'ok'), { maxRedirections: 2 });
    expect(readFileSync(followed.file, 'utf8')).toBe('arrived');
    const error = await failure(downloadUrl(`${server.url}redirect/3`, path.join(dir, 'too-far'), { maxRedirections: 2 }));
    expect(error).toBeInstanceOf(TooManyRedirectsError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_TOO_MANY_REDIRECTS', maxRedirections: 2, transient: false });
    expect(existsSync(path.join(dir, 'too-far'))).toBe(false);
  });

  it('treats maxRedirections 0 as "no redirects"', async () => {
    const server = await startServer(redirects);
    const error = await failure(downloadUrl(`${server.url}redirect/1`, path.join(tempDir(), 'x'), { maxRedirections: 0 }));
    expect(error.code).toBe('JOBFLOOR_STORAGE_TOO_MANY_REDIRECTS');
  });

  it('stops when its signal aborts mid-body, removing the partial file', async () => {
    const { handler, sent } = stalledBody();
    const server = await startServer(handler);
    const dir = tempDir();
    const controller = new AbortController();
    const download = downloadUrl(`${server.url}slow`, path.join(dir, 'slow'), { signal: controller.signal });
    await sent;
    controller.abort(new Error('job cancelled'));
    const error = await failure(download);
    expect(error).toBeInstanceOf(StorageAbortedError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_ABORTED', transient: false });
    expect((error.cause as Error).message).toBe('job cancelled');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('does not start when its signal has already aborted', async () => {
    const server = await startServer((_request, response) => response.end('x'));
    const error = await failure(downloadUrl(server.url, path.join(tempDir(), 'x'), { signal: AbortSignal.abort() }));
    expect(error.code).toBe('JOBFLOOR_STORAGE_ABORTED');
    expect(server.received).toEqual([]);
  });

  it('reports a silent server as a transient timeout', async () => {
    const server = await startServer(stalledBody().handler);
    const dir = tempDir();
    const error = await failure(downloadUrl(`${server.url}silent`, path.join(dir, 'silent'), { bodyTimeoutMs: 50 }));
    expect(error).toBeInstanceOf(TransferTimeoutError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_TIMEOUT', phase: 'response', transient: true });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a connection reset mid-body and a refused connection as transient', async () => {
    const resetting = await startServer((_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('part', () => response.socket?.destroy());
    });
    const reset = await failure(downloadUrl(resetting.url, path.join(tempDir(), 'reset')));
    expect(reset).toBeInstanceOf(ConnectionFailedError);
    expect(reset.transient).toBe(true);

    const closed = await startServer(() => undefined);
    await closed.close();
    const refused = await failure(downloadUrl(closed.url, path.join(tempDir(), 'refused')));
    expect(refused).toMatchObject({ code: 'JOBFLOOR_STORAGE_CONNECTION_FAILED', errno: 'ECONNREFUSED', transient: true });
  });

  it('reports a destination it cannot create as a local I/O error', async () => {
    const server = await startServer((_request, response) => response.end('x'));
    const dir = tempDir();
    writeFileSync(path.join(dir, 'file'), 'in the way');
    const error = await failure(downloadUrl(server.url, path.join(dir, 'file/below/x')));
    expect(error).toBeInstanceOf(StorageIoError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_IO_FAILED', errno: 'ENOTDIR', transient: false });
  });

  it('reports a server that does not speak HTTP as a permanent request failure', async () => {
    const sockets: Socket[] = [];
    const garbage = createNetServer((socket) => sockets.push(socket.end('NOT HTTP AT ALL\r\n\r\n')));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = garbage.address() as AddressInfo;
      const error = await failure(downloadUrl(`http://127.0.0.1:${port}/`, path.join(tempDir(), 'x')));
      expect(error).toBeInstanceOf(RequestFailedError);
      expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_REQUEST_FAILED', transient: false });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => garbage.close(resolve));
    }
  });

  it('refuses schemes other than http and https without connecting', async () => {
    for (const url of ['ftp://example.com/a', 'file:///etc/passwd', 'not a url']) {
      const error = await failure(downloadUrl(url, path.join(tempDir(), 'x')));
      expect(error).toBeInstanceOf(UnsupportedLocationError);
      expect(error).toMatchObject({ code: 'JOBFLOOR_STORAGE_UNSUPPORTED_LOCATION', transient: false });
    }
  });
});
