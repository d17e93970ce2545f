/**
 * How `GET /jobs/v2/{id}/outputs/media/{path}` sends a file. A run can write any bytes under any
 * name (storage/content-type.ts), so the answer must never make a browser run them in the
 * service's origin: only plain text and data types keep their guessed type, everything else is
 * `application/octet-stream`; every file is an attachment, with `nosniff` and a sandboxing CSP as
 * a second line should a browser render it anyway.
 */
import { Readable } from 'node:stream';
import { defaultContentType, type OpenedOutput } from '../../storage/index.js';

/**
 * Guessed types sent as they are: text and data that browsers show as text, never execute.
 * HTML, SVG and XML are left out on purpose (they can carry scripts), and so are images and PDF,
 * which have had renderer bugs enough.
 */
const plainTypes: ReadonlySet<string> = new Set(['text/plain', 'text/csv', 'text/tab-separated-values', 'text/markdown', 'application/json', 'application/yaml']);

/** The Content-Type to send for a guessed type: the guess when it is plain, else application/octet-stream. */
export function servedContentType(guess: string): string {
  const essence = (guess.split(';')[0] ?? '').trim().toLowerCase();
  return plainTypes.has(essence) ? guess : defaultContentType;
}

/** `value` percent-encoded as RFC 8187 `attr-char`s (encodeURIComponent leaves `'()*` alone). */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` with the file name twice (RFC 6266): a printable ASCII
 * fallback for old clients, and the exact name UTF-8 encoded. A file name may hold anything but
 * `/` and NUL, newlines included, so neither form lets it break out of the header.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeExtValue(name)}`;
}

/** The headers of a download of `opened`. */
export function downloadHeaders(opened: OpenedOutput): Record<string, string> {
  return {
    'content-type': servedContentType(opened.contentType),
    'content-length': String(opened.size),
    'last-modified': new Date(opened.lastModified).toUTCString(),
    'content-disposition': attachmentDisposition(opened.name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  };
}

/** The first `count` bytes of `source`; leaving the loop early destroys `source` (closing its file). */
async function* firstBytes(source: AsyncIterable<Buffer>, count: number): AsyncGenerator<Buffer> {
  let left = count;
  for await (const chunk of source) {
    if (left <= 0) return;
    yield chunk.length <= left ? chunk : chunk.subarray(0, left);
    left -= chunk.length;
  }
}

/**
 * The body of a download: exactly the `size` bytes announced in Content-Length. An output of a
 * running job may grow while it is sent; bytes beyond Content-Length would corrupt the next
 * response on a kept-alive connection, so they are cut off. A file that shrank ends early, and
 * the client sees a short body.
 */
export function downloadBody(opened: OpenedOutput): Readable {
  return Readable.from(firstBytes(opened.stream, opened.size), { objectMode: false });
}
