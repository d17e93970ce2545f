/**
 * The file name an input location is staged under in `inputs/<id>/`: the last segment of its path,
 * as the user would expect to find it (`https://host/data/a%20b.csv` → `a b.csv`). A name is one
 * safe path segment: separators, NUL and control characters become `_`, and a location with no
 * name of its own (`https://host/`, a system's root) gets a fixed one.
 */
import path from 'node:path';
import type { InputSource } from './input-source.js';

/** The name of a location whose path ends in no name. */
export const unnamedInput = 'input';

/** Longest staged name, in characters: file systems allow 255 bytes, and UTF-8 may need 3 per character. */
const maxNameLength = 80;

/** `name` as one safe path segment. */
function safeSegment(name: string): string {
  const cleaned = name.replace(/[\\/\p{Cc}]/gu, '_').slice(-maxNameLength);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? unnamedInput : cleaned;
}

/** The last non-empty segment of a URL's path, decoded where it can be. */
function lastUrlSegment(url: string): string {
  const segment = new URL(url).pathname.split('/').filter((part) => part !== '').at(-1) ?? '';
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The name `source` is staged under. */
export function stagedName(source: InputSource): string {
  const name = source.kind === 'url' ? lastUrlSegment(source.url) : path.posix.basename(path.posix.normalize(source.path.replaceAll('\\', '/')));
  return safeSegment(name);
}
