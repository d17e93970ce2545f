/**
 * Storage for the job lifecycle (issue 5, "Storage"): staging inputs into a job's work directory,
 * archiving its outputs, browsing them for the REST API, and the confinement and transfer rules
 * under all three. docs/jobs-service/storage.md describes the behaviour.
 */
export { archiveOutputs, type ArchiveOutputsRequest, type ArchiveResult, type ArchivedFile } from './archive-outputs.js';
export { isInside, pathRefusal, portableRelative, resolveConfinedPath } from './confined-path.js';
export { defaultContentType, guessContentType } from './content-type.js';
export { downloadUrl, type Download, type DownloadOptions } from './download-url.js';
export { sha256File, type ChecksumFile } from './file-checksum.js';
export { listOutputs, type ListOutputsOptions, type OutputEntry } from './list-outputs.js';
export { openOutput, type OpenOutputOptions, type OpenedOutput } from './open-output.js';
export type { SkippedEntry } from './run-files.js';
export { stageInputs, type StageInputsRequest, type StagedFile, type StagedInput } from './stage-inputs.js';
export { storageErrorCodes, type StorageErrorCode } from './storage-error-codes.js';
export {
  NotAFileError,
  PathRefusedError,
  StagedNameClashError,
  StorageAbortedError,
  StorageError,
  StorageIoError,
  StorageNotFoundError,
  UnknownStorageSystemError,
  UnsupportedLocationError,
  isTransientStorageError,
  type PathRefusal,
} from './storage-errors.js';
export type { FileStorageSystem, HttpStorageSystem, StorageSystems } from './storage-systems.js';
export { createTransferAgent } from './transfer-agent.js';
export { ConnectionFailedError, HttpStatusError, RequestFailedError, TooLargeError, TooManyRedirectsError, TransferTimeoutError, isTransientStatus, type TimeoutPhase } from './transfer-errors.js';
export { transferLimits, transferLimitsSchema, type TransferLimits, type TransferLimitsInput } from './transfer-limits.js';
export { bookkeepingDirectory, defaultArchiveExclusions, defaultHiddenOutputs, inputsDirectory } from './work-directory.js';
