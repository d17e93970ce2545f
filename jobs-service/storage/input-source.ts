/**
 * Where a staged input is fetched from. Submission resolved every input to an http(s) URL or a
 * `jobfloor://<storage system id>/<path>` URI (jobs-service/submission/resolve-inputs.ts); the
 * path of such a URI is percent-encoded as in any URI, so it is decoded to name a file on a `file`
 * system and kept as a URL path on an `http` system.
 */
import { parseInputLocation } from '../catalog/input-locations.js';
import { pathRefusal } from './confined-path.js';
import { httpSystemUrl } from './http-system-url.js';
import { storageSystem, type FileStorageSystem, type StorageSystems } from './storage-systems.js';
import { PathRefusedError, UnsupportedLocationError } from './storage-errors.js';

/** One input location, ready to fetch. `location` is the text it came from. */
export type InputSource =
  | { readonly kind: 'url'; readonly location: string; readonly url: string }
  | { readonly kind: 'file'; readonly location: string; readonly system: FileStorageSystem; readonly path: string };

/** The decoded path of a `jobfloor://` URI on a `file` system. */
function filePath(location: string, system: FileStorageSystem, encoded: string): string {
  let path: string;
  try {
    path = decodeURIComponent(encoded);
  } catch {
    throw new UnsupportedLocationError(location, `its path '${encoded}' has a broken %-escape`);
  }
  const refusal = pathRefusal(path);
  if (refusal !== undefined) throw new PathRefusedError(system.rootDir, path, refusal);
  return path;
}

/** The source of a `jobfloor://` URI: a file system path, or a URL below an http system. */
function systemSource(location: string, systems: StorageSystems, systemId: string, path: string): InputSource {
  const system = storageSystem(systems, systemId);
  if (system.kind === 'http') return { kind: 'url', location, url: httpSystemUrl(system, path, 'uri-path') };
  return { kind: 'file', location, system, path: filePath(location, system, path) };
}

/**
 * The source of one resolved input location. Throws UnsupportedLocationError for what is not an
 * http(s) URL or a `jobfloor://` URI (a relative path should have been resolved at submission),
 * UnknownStorageSystemError for a system that `systems` lacks, PathRefusedError for an escape.
 */
export function inputSource(location: string, systems: StorageSystems): InputSource {
  const parsed = parseInputLocation(location);
  switch (parsed.kind) {
    case 'url':
      return { kind: 'url', location, url: parsed.url };
    case 'system':
      return systemSource(location, systems, parsed.systemId, parsed.path);
    case 'relative':
      throw new UnsupportedLocationError(location, 'it is a relative path; submission resolves those against the app\'s inputSystem');
    case 'invalid':
      throw new UnsupportedLocationError(location, parsed.problem);
  }
}
