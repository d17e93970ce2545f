/** Turns a failed local file operation into a storage error that says whether to try again. */
import { StorageError, StorageIoError, StorageNotFoundError } from './storage-errors.js';

/** Errnos of a host that may recover by itself: space, open-file limits, a busy resource. */
const transientErrnos = new Set(['ENOSPC', 'EDQUOT', 'EMFILE', 'ENFILE', 'EBUSY', 'EAGAIN', 'EIO', 'ETIMEDOUT']);

/** The errno of a Node system error, or undefined. */
export function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A storage error for a failed `operation` ("reading", "writing", ...) on `path`; ENOENT becomes
 * a not-found error with `notFoundHint`. Storage errors pass through unchanged.
 */
export function fileFailure(error: unknown, operation: string, path: string, notFoundHint = 'check the path'): Error {
  if (error instanceof StorageError) return error;
  const errno = errnoOf(error) ?? 'UNKNOWN';
  if (errno === 'ENOENT') return new StorageNotFoundError(path, notFoundHint, error);
  return new StorageIoError(operation, path, errno, transientErrnos.has(errno), error);
}
