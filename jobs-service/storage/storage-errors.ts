/**
 * The errors of the storage block. Each has a stable `code` (storage-error-codes.ts) and says in
 * `transient` whether trying again later may succeed (a timeout, a 503, a reset connection) or
 * not (a 404, a file too large, a path escaping its root); the lifecycle routes transient ones to
 * its retry handler (STYLE.md, habit 2: routing meaning travels as data). Every field is an own,
 * cloneable property, so it survives the trip back from a worker thread.
 */
import type { StorageErrorCode } from './storage-error-codes.js';

/** The base of every storage error. */
export class StorageError extends Error {
  readonly code: StorageErrorCode;
  /** True when the same operation may succeed later; false when something must be fixed first. */
  readonly transient: boolean;

  constructor(code: StorageErrorCode, message: string, options: { transient: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.code = code;
    this.transient = options.transient;
  }

  /** The class name, so that subclasses print and match as themselves. */
  override get name(): string {
    return this.constructor.name;
  }
}

/** Why a path was refused by confinement (confined-path.ts). */
export type PathRefusal = 'absolute' | 'parent-segment' | 'nul-byte' | 'symlink-escape' | 'dangling-symlink';

const refusalText: Record<PathRefusal, string> = {
  absolute: 'is absolute; give a path relative to the root',
  'parent-segment': "climbs out of the root through '..' segments; remove them",
  'nul-byte': 'holds a NUL character; remove it',
  'symlink-escape': 'reaches outside the root through a symbolic link; link only to places inside the root',
  'dangling-symlink': 'passes through a symbolic link whose target does not exist; fix or remove the link',
};

/** A path that would leave the directory it is confined to. */
export class PathRefusedError extends StorageError {
  readonly root: string;
  readonly path: string;
  readonly reason: PathRefusal;

  constructor(root: string, path: string, reason: PathRefusal) {
    super('JOBFLOOR_STORAGE_PATH_REFUSED', `path '${path.replaceAll('\0', '\\0')}' ${refusalText[reason]} (root ${root})`, { transient: false });
    this.root = root;
    this.path = path;
    this.reason = reason;
  }
}

/** A file or directory that does not exist. */
export class StorageNotFoundError extends StorageError {
  readonly path: string;

  constructor(path: string, hint: string, cause?: unknown) {
    super('JOBFLOOR_STORAGE_NOT_FOUND', `'${path}' does not exist; ${hint}`, { transient: false, cause });
    this.path = path;
  }
}

/** A directory or special file where a regular file is needed. */
export class NotAFileError extends StorageError {
  readonly path: string;
  readonly found: 'directory' | 'special file';

  constructor(path: string, found: 'directory' | 'special file', hint: string) {
    super('JOBFLOOR_STORAGE_NOT_A_FILE', `'${path}' is a ${found}, not a regular file; ${hint}`, { transient: false });
    this.path = path;
    this.found = found;
  }
}

/** A `jobfloor://` location or an archive system that names no storage system. */
export class UnknownStorageSystemError extends StorageError {
  readonly systemId: string;

  constructor(systemId: string, problem: 'missing' | 'not-storage') {
    const text = problem === 'missing' ? `there is no system '${systemId}'; define it or correct the location` : `'${systemId}' is an execution system; name a storage system (kind file or http)`;
    super('JOBFLOOR_STORAGE_UNKNOWN_SYSTEM', text, { transient: false });
    this.systemId = systemId;
  }
}

/** A location that storage cannot fetch. */
export class UnsupportedLocationError extends StorageError {
  readonly location: string;

  constructor(location: string, problem: string) {
    super('JOBFLOOR_STORAGE_UNSUPPORTED_LOCATION', `cannot fetch '${location}': ${problem}; give an http(s) URL or jobfloor://<storage system id>/<path>`, { transient: false });
    this.location = location;
  }
}

/** Two locations of one input whose staged names are the same. */
export class StagedNameClashError extends StorageError {
  readonly inputId: string;
  readonly stagedName: string;

  constructor(inputId: string, stagedName: string, locations: readonly string[]) {
    super('JOBFLOOR_STORAGE_NAME_CLASH', `input '${inputId}': ${locations.map((location) => `'${location}'`).join(' and ')} would both be staged as '${stagedName}'; give each location of an input its own file name`, { transient: false });
    this.inputId = inputId;
    this.stagedName = stagedName;
  }
}

/** A local read or write failed; `errno` is the system's code (EACCES, ENOSPC, ...). */
export class StorageIoError extends StorageError {
  readonly path: string;
  readonly errno: string;

  constructor(operation: string, path: string, errno: string, transient: boolean, cause: unknown) {
    const hint = transient ? 'the host may recover (space, open files); it can be tried again later' : 'check the permissions and the path';
    super('JOBFLOOR_STORAGE_IO_FAILED', `${operation} '${path}' failed (${errno}); ${hint}`, { transient, cause });
    this.path = path;
    this.errno = errno;
  }
}

/** The operation's AbortSignal fired (the job was cancelled); partial files were removed. */
export class StorageAbortedError extends StorageError {
  constructor(what: string, reason: unknown) {
    super('JOBFLOOR_STORAGE_ABORTED', `${what} was aborted; partial files were removed`, { transient: false, cause: reason });
  }
}

/**
 * True when `error` is a storage error that says trying again may succeed. It reads the `code`
 * and `transient` fields, not the class, so it also works on an error rebuilt after crossing from
 * a worker thread (STYLE.md, habit 3).
 */
export function isTransientStorageError(error: unknown): boolean {
  const { code, transient } = (error ?? {}) as { code?: unknown; transient?: unknown };
  return typeof code === 'string' && code.startsWith('JOBFLOOR_STORAGE_') && transient === true;
}
