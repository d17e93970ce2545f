/**
 * A guess of a file's media type from its extension, for downloads of outputs and uploads to
 * archives. A guess only: the REST API should send it with `X-Content-Type-Options: nosniff`, and
 * serve outputs as attachments, because a run can write any bytes under any name.
 */
import path from 'node:path';

/** The fallback: bytes of no known kind. */
export const defaultContentType = 'application/octet-stream';

const byExtension: Readonly<Record<string, string>> = {
  '.txt': 'text/plain; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.out': 'text/plain; charset=utf-8',
  '.err': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.tar': 'application/x-tar',
};

/** The media type guessed from `fileName`'s extension (case-insensitive), else application/octet-stream. */
export function guessContentType(fileName: string): string {
  return byExtension[path.extname(fileName).toLowerCase()] ?? defaultContentType;
}
