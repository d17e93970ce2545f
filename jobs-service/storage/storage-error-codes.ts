/**
 * Every error code of the storage block (staging inputs, archiving outputs, browsing a work
 * directory), with a one-line meaning. `docs/jobs-service/storage.md#errors` documents each with
 * its fix, and a test keeps the two in step: a new code needs a line here and a row there.
 */
export const storageErrorCodes = {
  JOBFLOOR_STORAGE_PATH_REFUSED: 'a path is absolute, holds a NUL, climbs out of its root with `..`, or reaches outside through a symlink',
  JOBFLOOR_STORAGE_NOT_FOUND: 'a file or directory that should be read does not exist',
  JOBFLOOR_STORAGE_NOT_A_FILE: 'a path names a directory or a special file where a regular file is needed',
  JOBFLOOR_STORAGE_UNKNOWN_SYSTEM: 'a location names a system that is missing or is not a storage system',
  JOBFLOOR_STORAGE_UNSUPPORTED_LOCATION: 'a location is neither an http(s) URL nor a jobfloor:// URI',
  JOBFLOOR_STORAGE_NAME_CLASH: 'two locations of one input would be staged under the same name',
  JOBFLOOR_STORAGE_HTTP_STATUS: 'a server answered with a status other than 2xx',
  JOBFLOOR_STORAGE_TOO_MANY_REDIRECTS: 'a server redirected more often than maxRedirections allows',
  JOBFLOOR_STORAGE_TOO_LARGE: 'a file is larger than maxBytes',
  JOBFLOOR_STORAGE_TIMEOUT: 'connecting, or waiting for the server, took longer than its timeout',
  JOBFLOOR_STORAGE_CONNECTION_FAILED: 'the connection could not be made or broke during the transfer',
  JOBFLOOR_STORAGE_REQUEST_FAILED: 'an http request failed for another reason (a protocol error, a redirect loop)',
  JOBFLOOR_STORAGE_IO_FAILED: 'reading or writing a local file failed',
  JOBFLOOR_STORAGE_ABORTED: "the operation's AbortSignal fired",
} as const;

/** A stable storage error code; see `docs/jobs-service/storage.md#errors`. */
export type StorageErrorCode = keyof typeof storageErrorCodes;
