/**
 * Stages a job's inputs into its work directory (seed 002's STAGING_INPUTS): each location of
 * each input id is fetched to `inputs/<id>/<name>` (work-directory.ts) — http(s) URLs and paths
 * on `http` systems by download, paths on `file` systems by a confined copy of the file or
 * directory — and every staged file is checksummed.
 *
 * Everything is checked before anything is fetched (unknown systems, escaping paths, name
 * clashes), so a permanent mistake fails the phase at once. Staging again is safe: an input's
 * directory is emptied before it is fetched, so a phase resumed after a crash starts clean.
 */
import { mkdir, realpath, rm } from 'node:fs/promises';
import type { Dispatcher } from 'undici';
import { copyFromFileSystem, type CopiedFile } from './copy-from-file-system.js';
import { portableRelative, resolveConfinedPath } from './confined-path.js';
import { downloadUrl } from './download-url.js';
import { sha256File, type ChecksumFile } from './file-checksum.js';
import { fileFailure } from './file-failure.js';
import { inputSource, type InputSource } from './input-source.js';
import { stagedName } from './staged-name.js';
import type { StorageSystems } from './storage-systems.js';
import { StagedNameClashError } from './storage-errors.js';
import { createTransferAgent } from './transfer-agent.js';
import { transferLimits, type TransferLimits, type TransferLimitsInput } from './transfer-limits.js';
import { stagedInputDirectory } from './work-directory.js';

/** What to stage, where, and how. */
export interface StageInputsRequest {
  /** The job's resolved inputs: input id → an http(s) URL or `jobfloor://` URI, or an array of them. */
  readonly inputs: Readonly<Record<string, string | readonly string[]>>;
  /** The tenant's systems by id, for `jobfloor://` locations. */
  readonly systems: StorageSystems;
  /** The job's work directory; created when missing. */
  readonly workDir: string;
  /** Limits of every transfer; see transfer-limits.ts for the defaults. */
  readonly limits?: TransferLimitsInput | undefined;
  /** Aborts staging (the job was cancelled); the error is then StorageAbortedError. */
  readonly signal?: AbortSignal | undefined;
  /** Checksums one staged file. Default: sha256File on this thread; pass one that runs on a worker thread to keep the event loop free. */
  readonly checksum?: ChecksumFile | undefined;
}

/** One staged file: its path relative to the work directory (forward slashes), size and SHA-256. */
export interface StagedFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** One staged location of an input: a file, or a directory with every file below it. */
export interface StagedInput {
  readonly id: string;
  /** The location it came from, as the job holds it. */
  readonly location: string;
  /** Where it is, relative to the work directory: `inputs/<id>/<name>`. */
  readonly path: string;
  readonly type: 'file' | 'dir';
  /** The bytes of all its files. */
  readonly bytes: number;
  readonly files: readonly StagedFile[];
}

/** One location to fetch, and where. */
interface PlannedInput {
  readonly id: string;
  readonly source: InputSource;
  readonly path: string;
}

/** The planned locations of one input id; two with the same staged name are refused. */
function planInput(request: StageInputsRequest, id: string, value: string | readonly string[]): PlannedInput[] {
  const directory = stagedInputDirectory(request.workDir, id);
  const byName = new Map<string, string>();
  return (typeof value === 'string' ? [value] : value).map((location) => {
    const source = inputSource(location, request.systems);
    const name = stagedName(source);
    const other = byName.get(name);
    if (other !== undefined) throw new StagedNameClashError(id, name, [other, location]);
    byName.set(name, location);
    return { id, source, path: `${directory}/${name}` };
  });
}

/** Fetches one planned location; returns what it wrote. */
async function fetchInput(planned: PlannedInput, destination: string, limits: TransferLimits, dispatcher: Dispatcher, signal: AbortSignal | undefined): Promise<{ type: 'file' | 'dir'; files: CopiedFile[] }> {
  const { source } = planned;
  if (source.kind === 'file') return copyFromFileSystem(source.system, source.path, destination, { maxBytes: limits.maxBytes, signal });
  const download = await downloadUrl(source.url, destination, { ...limits, signal, dispatcher });
  return { type: 'file', files: [{ file: download.file, bytes: download.bytes }] };
}

/** Checksums the files of one staged location, one after the other. */
async function checksummed(workDir: string, files: readonly CopiedFile[], checksum: ChecksumFile): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  for (const { file, bytes } of files) staged.push({ path: portableRelative(workDir, file), bytes, sha256: await checksum(file) });
  return staged;
}

/** Empties (and re-creates) the directory of each input id, so that a repeated staging starts clean. */
async function clearInputDirectories(workDir: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const directory = await resolveConfinedPath(workDir, stagedInputDirectory(workDir, id));
    await rm(directory, { recursive: true, force: true }).catch((error: unknown) => Promise.reject(fileFailure(error, 'clearing', directory)));
    await mkdir(directory, { recursive: true }).catch((error: unknown) => Promise.reject(fileFailure(error, 'creating', directory)));
  }
}

/** The real path of the work directory, created when missing. */
async function realWorkDir(workDir: string): Promise<string> {
  try {
    await mkdir(workDir, { recursive: true });
    return await realpath(workDir);
  } catch (error) {
    throw fileFailure(error, 'creating the work directory', workDir);
  }
}

/**
 * Fetches every location of every input into the work directory and returns what was staged, in
 * the order of `inputs`. Throws the first StorageError: its `transient` says whether staging
 * may be tried again. On failure, files staged so far stay; staging again replaces them.
 */
export async function stageInputs(request: StageInputsRequest): Promise<StagedInput[]> {
  const limits = transferLimits(request.limits);
  const plan = Object.entries(request.inputs).flatMap(([id, value]) => planInput(request, id, value));
  const workDir = await realWorkDir(request.workDir);
  await clearInputDirectories(workDir, Object.keys(request.inputs));
  const dispatcher = createTransferAgent(limits);
  try {
    const staged: StagedInput[] = [];
    for (const planned of plan) {
      const destination = await resolveConfinedPath(workDir, planned.path);
      const fetched = await fetchInput(planned, destination, limits, dispatcher, request.signal);
      const files = await checksummed(workDir, fetched.files, request.checksum ?? sha256File);
      staged.push({ id: planned.id, location: planned.source.location, path: planned.path, type: fetched.type, bytes: files.reduce((sum, file) => sum + file.bytes, 0), files });
    }
    return staged;
  } finally {
    await dispatcher.destroy();
  }
}
