/**
 * Where a job input comes from. Seed 002 ("Submission Request Parameters", inputs): "Inputs may be
 * given as relative paths to the application's designated storage system or as a URI". The URIs
 * accepted are `http://` and `https://` URLs and `jobfloor://<storage system id>/<path>`; a path
 * may never climb out of its system (`..` segments) nor be absolute.
 */

/** A parsed input location; `problem` says what is wrong when it cannot be used. */
export type InputLocation =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'system'; readonly systemId: string; readonly path: string }
  | { readonly kind: 'relative'; readonly path: string }
  | { readonly kind: 'invalid'; readonly problem: string };

/** The scheme of storage-system URIs: `jobfloor://<storage system id>/<path>`. */
export const systemUriScheme = 'jobfloor://';

/** The URI of a path on a storage system of the tenant. */
export function systemUri(systemId: string, path: string): string {
  return `${systemUriScheme}${systemId}/${path}`;
}

/** What is wrong with a path inside a system (absolute, `..` segments, NUL), or undefined. */
export function pathProblem(path: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return `path '${path}' has a broken %-escape`;
  }
  if (decoded.includes('\0')) return `path '${path}' holds a NUL character`;
  if (decoded.startsWith('/') || decoded.startsWith('\\') || /^[A-Za-z]:/.test(decoded)) {
    return `path '${path}' is absolute; give a path relative to the system's root`;
  }
  if (decoded.split(/[\\/]/).includes('..')) return `path '${path}' has a '..' segment; paths may not leave their system's root`;
  return undefined;
}

function parseSystemUri(text: string): InputLocation {
  const match = /^jobfloor:\/\/([^/]*)\/(.*)$/.exec(text);
  if (match === null || match[1] === '') return { kind: 'invalid', problem: `'${text}' is not jobfloor://<storage system id>/<path>` };
  const path = match[2]!;
  const problem = path === '' ? `'${text}' names no path after the system id` : pathProblem(path);
  return problem === undefined ? { kind: 'system', systemId: match[1]!, path } : { kind: 'invalid', problem };
}

function parseUrl(text: string): InputLocation {
  if (!URL.canParse(text) || new URL(text).host === '') return { kind: 'invalid', problem: `'${text}' is not a valid URL` };
  return { kind: 'url', url: text };
}

/** Parses an input value: an http(s) URL, a `jobfloor://` URI, or a relative path. */
export function parseInputLocation(text: string): InputLocation {
  if (text === '') return { kind: 'invalid', problem: 'an input location must not be empty' };
  if (text.startsWith(systemUriScheme)) return parseSystemUri(text);
  if (/^https?:\/\//i.test(text)) return parseUrl(text);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  if (scheme !== null) {
    return { kind: 'invalid', problem: `'${scheme[1]}://' inputs are not supported; use http(s)://, jobfloor://<storage system id>/<path> or a relative path` };
  }
  const problem = pathProblem(text);
  return problem === undefined ? { kind: 'relative', path: text } : { kind: 'invalid', problem };
}
