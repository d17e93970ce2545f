/**
 * Archives a job's outputs (seed 002's ARCHIVING; issue 5: "copies the files that the run
 * created in the work directory to `archivePath` on `archiveSystem`"). The files are those of
 * run-files.ts: everything the run wrote, without the staged inputs and the bookkeeping, and
 * never through a symlink. On a `file` system each lands at `<rootDir>/<archivePath>/<path>`,
 * confined to the root and written atomically; on an `http` system each is PUT to
 * `<baseUrl>/<archivePath>/<path>`. Archiving again overwrites the same files, so a phase resumed
 * after a crash can simply run again.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { SystemDefinition } from '../catalog/system-definition.js';
import { writeFileAtomically } from './atomic-file-write.js';
import { pathRefusal, resolveConfinedPath } from './confined-path.js';
import { fileFailure } from './file-failure.js';
import { httpSystemUrl } from './http-system-url.js';
import { openRegularFile } from './open-no-follow.js';
import { listRunFiles, type RunFile, type SkippedEntry } from './run-files.js';
import { asStorageSystem, type FileStorageSystem, type HttpStorageSystem } from './storage-systems.js';
import { PathRefusedError, StorageAbortedError } from './storage-errors.js';
import { createTransferAgent } from './transfer-agent.js';
import { transferLimits, type TransferLimits, type TransferLimitsInput } from './transfer-limits.js';
import { uploadFile } from './upload-file.js';
import { defaultArchiveExclusions } from './work-directory.js';

/** What to archive, and where. */
export interface ArchiveOutputsRequest {
  /** The job's work directory. */
  readonly workDir: string;
  /** Work-directory-relative paths left out, with all below them. Default: `inputs` and `.jobfloor`. */
  readonly exclude?: readonly string[] | undefined;
  /** The storage system to archive to (the job's archiveSystem, looked up). */
  readonly archiveSystem: SystemDefinition;
  /** The directory on the archive system, relative to its root; `''` is the root itself. A plain path: `%` is a character. */
  readonly archivePath: string;
  /** Timeouts of uploads to an http system (maxBytes and maxRedirections do not apply: outputs are not limited). */
  readonly limits?: TransferLimitsInput | undefined;
  /** Aborts archiving; the error is then StorageAbortedError. Files already archived stay. */
  readonly signal?: AbortSignal | undefined;
}

/** One archived file: its path in the work directory, its size, and where it went (a path on a file system, a URL). */
export interface ArchivedFile {
  readonly path: string;
  readonly bytes: number;
  readonly destination: string;
}

/** What archiving did. */
export interface ArchiveResult {
  readonly files: readonly ArchivedFile[];
  /** Symlinks and special files of the work directory, which are never archived. */
  readonly skipped: readonly SkippedEntry[];
  /** The bytes of all archived files. */
  readonly bytes: number;
}

/** Stops between files when the job was cancelled. */
function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new StorageAbortedError('archiving', signal.reason);
}

/** Copies the run's files under archivePath on a `file` system. */
async function archiveToFileSystem(system: FileStorageSystem, request: ArchiveOutputsRequest, workDir: string, files: readonly RunFile[]): Promise<ArchivedFile[]> {
  const archived: ArchivedFile[] = [];
  for (const run of files) {
    checkAborted(request.signal);
    const target = path.posix.join(request.archivePath, run.path);
    const destination = await resolveConfinedPath(system.rootDir, target);
    const { handle } = await openRegularFile(run.file, workDir, run.path, 'it changed while archiving; archive again');
    const bytes = await writeFileAtomically(handle.createReadStream(), destination, { sourceName: run.path, maxBytes: Number.POSITIVE_INFINITY, signal: request.signal });
    archived.push({ path: run.path, bytes, destination: target });
  }
  return archived;
}

/** PUTs the run's files below archivePath on an `http` system, over one agent. */
async function archiveToHttpSystem(system: HttpStorageSystem, request: ArchiveOutputsRequest, limits: TransferLimits, workDir: string, files: readonly RunFile[]): Promise<ArchivedFile[]> {
  const dispatcher = createTransferAgent(limits);
  try {
    const archived: ArchivedFile[] = [];
    for (const run of files) {
      checkAborted(request.signal);
      const url = httpSystemUrl(system, path.posix.join(request.archivePath, run.path), 'plain-path');
      const bytes = await uploadFile(url, run.file, { limits, dispatcher, signal: request.signal, root: workDir, shownPath: run.path });
      archived.push({ path: run.path, bytes, destination: url });
    }
    return archived;
  } finally {
    await dispatcher.destroy();
  }
}

/** The real path of an existing work directory. */
async function realWorkDir(workDir: string): Promise<string> {
  try {
    return await realpath(workDir);
  } catch (error) {
    throw fileFailure(error, 'opening the work directory', workDir, 'the job has no work directory to archive');
  }
}

/**
 * Copies the files the run created in `workDir` to `archivePath` on `archiveSystem` and returns
 * them with their sizes (an empty list when there was nothing to archive). Throws a StorageError:
 * UnknownStorageSystemError (an execution system), PathRefusedError (an archivePath or a symlink
 * in the archive that leaves the root), StorageNotFoundError (no work directory),
 * HttpStatusError, TransferTimeoutError, ConnectionFailedError, StorageIoError, StorageAbortedError.
 */
export async function archiveOutputs(request: ArchiveOutputsRequest): Promise<ArchiveResult> {
  const system = asStorageSystem(request.archiveSystem);
  const limits = transferLimits(request.limits);
  const refusal = pathRefusal(request.archivePath);
  if (refusal !== undefined) throw new PathRefusedError(system.kind === 'file' ? system.rootDir : system.baseUrl, request.archivePath, refusal);
  const workDir = await realWorkDir(request.workDir);
  const { files, skipped } = await listRunFiles(workDir, request.exclude ?? defaultArchiveExclusions);
  const archived = system.kind === 'file' ? await archiveToFileSystem(system, request, workDir, files) : await archiveToHttpSystem(system, request, limits, workDir, files);
  return { files: archived, skipped, bytes: archived.reduce((sum, file) => sum + file.bytes, 0) };
}
