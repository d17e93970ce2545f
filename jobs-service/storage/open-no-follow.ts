/**
 * Opens a confined path for reading without following a symlink at its end. resolveConfinedPath
 * returns real paths, so a symlink found there now was swapped in after the check (a run still
 * writing its work directory, say); O_NOFOLLOW makes that open fail instead of escaping.
 * O_NONBLOCK keeps a FIFO from blocking the open until a writer appears (it changes nothing for
 * regular files); callers refuse what the stats say is not a regular file.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { errnoOf, fileFailure } from './file-failure.js';
import { NotAFileError, PathRefusedError } from './storage-errors.js';

/** An open file and its stats, taken from the open handle (so they describe what will be read). */
export interface OpenedFile {
  readonly handle: FileHandle;
  readonly stats: Stats;
}

/**
 * Opens `file` (a path resolveConfinedPath returned) read-only. `root` and `shownPath` name it in
 * errors. The caller closes the handle, or lets a stream made from it do so.
 */
export async function openNoFollow(file: string, root: string, shownPath: string): Promise<OpenedFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (errnoOf(error) === 'ELOOP') throw new PathRefusedError(root, shownPath, 'symlink-escape');
    throw fileFailure(error, 'opening', shownPath);
  }
  const stats = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw fileFailure(error, 'inspecting', shownPath);
  });
  return { handle, stats };
}

/**
 * Opens `file` as openNoFollow does and refuses, closing it again, anything but a regular file
 * with NotAFileError; `hint` says what to do instead.
 */
export async function openRegularFile(file: string, root: string, shownPath: string, hint: string): Promise<OpenedFile> {
  const opened = await openNoFollow(file, root, shownPath);
  if (opened.stats.isFile()) return opened;
  await opened.handle.close();
  throw new NotAFileError(shownPath === '' ? '.' : shownPath, opened.stats.isDirectory() ? 'directory' : 'special file', hint);
}
