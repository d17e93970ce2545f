/**
 * The URL of a path on an `http` storage system. The path must stay below the system's baseUrl:
 * it is checked as a relative path first (no `..` above the start, not absolute), and the URL
 * built from it must still have the base's origin and path prefix, which also catches what URL
 * parsing itself resolves (`%2e%2e` segments, a scheme smuggled into the path).
 */
import { pathRefusal } from './confined-path.js';
import type { HttpStorageSystem } from './storage-systems.js';
import { PathRefusedError } from './storage-errors.js';

/**
 * How a path is written: `uri-path` as in a `jobfloor://` URI (percent-escapes kept, the URL
 * parser encodes the rest), `plain-path` as a file name (every segment percent-encoded, so `%`,
 * `?` and `#` are characters of the name).
 */
export type PathForm = 'uri-path' | 'plain-path';

/** The base URL with its path ending in `/`, so that relative paths resolve below it; a query or fragment of it is dropped. */
function directoryBase(baseUrl: string): URL {
  const base = new URL(baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
  base.search = '';
  base.hash = '';
  return base;
}

/** The relative URL reference of `path` in its form. */
function reference(path: string, form: PathForm): string {
  if (form === 'uri-path') return path;
  return path.split('/').filter((segment) => segment !== '' && segment !== '.').map(encodeURIComponent).join('/');
}

/** `path` decoded for the lexical check; a broken escape is checked as written. */
function decodedForCheck(path: string, form: PathForm): string {
  if (form === 'plain-path') return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The absolute URL of `path` on `system`. Throws PathRefusedError when the path, or the URL it
 * makes, would leave the base URL.
 */
export function httpSystemUrl(system: HttpStorageSystem, path: string, form: PathForm): string {
  const refusal = pathRefusal(decodedForCheck(path, form));
  if (refusal !== undefined) throw new PathRefusedError(system.baseUrl, path, refusal);
  const base = directoryBase(system.baseUrl);
  const url = new URL(reference(path, form), base);
  if (url.origin !== base.origin) throw new PathRefusedError(system.baseUrl, path, 'absolute');
  if (!url.pathname.startsWith(base.pathname)) throw new PathRefusedError(system.baseUrl, path, 'parent-segment');
  return url.href;
}
