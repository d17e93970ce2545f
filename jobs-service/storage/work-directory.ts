/**
 * The layout of a job's work directory, shared by staging, archiving and outputs browsing:
 *
 * ```
 * <workDir>/
 *   inputs/<input id>/<name>   staged inputs: a file, or a directory copied whole
 *   .jobfloor/                 the service's bookkeeping (kept by the execution block)
 *   ...                        whatever the app writes: its outputs
 * ```
 *
 * Input ids are plain names (app-definition.ts allows letters, digits and `_`), and staged names
 * are single path segments (staged-name.ts), so an input can never land outside its directory.
 */
import { PathRefusedError } from './storage-errors.js';

/** The directory of staged inputs, relative to the work directory. */
export const inputsDirectory = 'inputs';

/** The service's own directory in the work directory; never archived, hidden from outputs listings. */
export const bookkeepingDirectory = '.jobfloor';

/** What archiving leaves out unless told otherwise: the staged inputs and the bookkeeping. */
export const defaultArchiveExclusions: readonly string[] = Object.freeze([inputsDirectory, bookkeepingDirectory]);

/** What outputs listings hide unless told otherwise: the bookkeeping. */
export const defaultHiddenOutputs: readonly string[] = Object.freeze([bookkeepingDirectory]);

/** True when `name` is one path segment that names no directory of its own (`.`, `..`). */
export function isPlainSegment(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/\0]/.test(name);
}

/** `inputs/<id>`: where the input `id` is staged, relative to the work directory. */
export function stagedInputDirectory(workDir: string, id: string): string {
  if (!isPlainSegment(id)) throw new PathRefusedError(workDir, `${inputsDirectory}/${id}`, id.includes('\0') ? 'nul-byte' : 'parent-segment');
  return `${inputsDirectory}/${id}`;
}

/**
 * True when the work-directory-relative `relativePath` (forward slashes) is one of `prefixes`
 * or lies below one; `prefixes` are relative paths too, with or without `./` and a trailing `/`
 * (an empty prefix matches nothing).
 */
export function isUnder(relativePath: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => {
    const clean = prefix.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    return clean !== '' && clean !== '.' && (relativePath === clean || relativePath.startsWith(`${clean}/`));
  });
}
