/**
 * Storage errors of the outputs routes as API answers: a refused path or a directory where a file
 * is needed is a 400, a missing output a 404, each with the field `path`. The messages are built
 * here from the error's class and fields, not taken from the storage error, whose text names the
 * work directory on the host (`root ...`): a client learns which path was wrong, never where the
 * service keeps jobs. Anything else (a failed read, say) stays what it is: a logged 500.
 */
import { ServiceError } from '../../errors/service-error.js';
import { NotAFileError, PathRefusedError, StorageNotFoundError, pathRefusal, type PathRefusal } from '../../storage/index.js';

/** Which request failed: the job and the path exactly as the client gave it. */
export interface OutputRequest {
  readonly jobId: string;
  readonly path: string;
}

const refusalText: Record<PathRefusal, string> = {
  absolute: "is absolute; give a path relative to the job's work directory, such as results/out.csv",
  'parent-segment': "climbs out of the job's work directory through '..'; remove those segments",
  'nul-byte': 'holds a NUL character; remove it',
  'symlink-escape': "leads outside the job's work directory through a symbolic link; only what lies inside it can be read",
  'dangling-symlink': 'passes through a symbolic link whose target does not exist',
};

/** The path as a message shows it: quoted, with a NUL made visible. */
function shown(path: string): string {
  return `'${path.replaceAll('\0', '\\0')}'`;
}

/** The URL of the listing of `path`'s parent directory, where a client sees what there is instead. */
function parentListing(request: OutputRequest): string {
  const parent = request.path.replace(/\/+$/, '').split('/').slice(0, -1).join('/');
  return `GET /jobs/v2/${request.jobId}/outputs/listing${parent === '' ? '' : `/${parent}`}`;
}

/** A 400 for a refused path, with the field `path`. */
export function pathRefused(request: OutputRequest, reason: PathRefusal): ServiceError {
  const message = `${shown(request.path)} ${refusalText[reason]}`;
  return new ServiceError('JOBS_VALIDATION_FAILED', `The output path ${message}.`, { fieldErrors: [{ field: 'path', message }] });
}

/**
 * Refuses, before the job is even looked up, a path that is wrong whatever the job: absolute, with
 * a NUL, or climbing out with `..`. Symlink escapes need the work directory and are found later.
 */
export function checkOutputPath(request: OutputRequest): void {
  const reason = pathRefusal(request.path);
  if (reason !== undefined) throw pathRefused(request, reason);
}

/** A 404 for an output that is not there (or is hidden, as the bookkeeping is), with the field `path`. */
export function outputNotFound(request: OutputRequest): ServiceError {
  const message = `there is no output ${shown(request.path)}`;
  return new ServiceError('JOBS_NOT_FOUND', `Job ${request.jobId} has no output ${shown(request.path)}; ${parentListing(request)} lists what there is.`, {
    fieldErrors: [{ field: 'path', message }],
  });
}

/** A 400 for a download without a path: `GET /jobs/v2/{id}/outputs/media/`. */
export function missingFilePath(jobId: string): ServiceError {
  const message = 'give the path of a file in the work directory, as the listing shows it';
  return new ServiceError('JOBS_VALIDATION_FAILED', `A download needs a file path: GET /jobs/v2/${jobId}/outputs/media/<path>; GET /jobs/v2/${jobId}/outputs/listing lists the files.`, {
    fieldErrors: [{ field: 'path', message }],
  });
}

/** A 400 for a download of a directory or a special file, with the field `path`. */
function notAFile(request: OutputRequest, found: NotAFileError['found']): ServiceError {
  const message = found === 'directory'
    ? `${shown(request.path)} is a directory; list it with GET /jobs/v2/${request.jobId}/outputs/listing/${request.path.replace(/\/+$/, '')}`
    : `${shown(request.path)} is a special file (a FIFO, socket or device), which cannot be downloaded`;
  return new ServiceError('JOBS_VALIDATION_FAILED', `Only regular files can be downloaded: ${message}.`, { fieldErrors: [{ field: 'path', message }] });
}

/**
 * The API error for a storage error of `request`, or `error` itself when it is not one the client
 * can fix (an I/O failure: the error handler logs it and answers 500 without details).
 */
export function outputFailure(error: unknown, request: OutputRequest): unknown {
  if (error instanceof PathRefusedError) return pathRefused(request, error.reason);
  if (error instanceof StorageNotFoundError) return outputNotFound(request);
  if (error instanceof NotAFileError) return notAFile(request, error.found);
  return error;
}
