/**
 * What a `local` run is doing, read from its files and the operating system only, so any process
 * can ask: the worker that launched it, a worker that took the job over after a crash, an API
 * server.
 */
import { describeExit, exitSucceeded } from './exit-message.js';
import { readJsonIfExists } from './json-files.js';
import { isLauncherAlive } from './launcher-identity.js';
import { exitRecordSchema, type ExitRecord, type LocalProcessHandle } from './local-records.js';
import { currentBootId, isProcessGroupAlive } from './process-group.js';
import { waitUntil } from './wait-until.js';
import { workDirLayout } from './work-dir-layout.js';

/**
 * The app runs (or its launcher is writing the exit record). `supervised` is false when the
 * launcher has died (killed on its own): the app runs on, but nothing enforces maxRunTime or will
 * write an exit record, so the caller should stop it with killLocalProcess once maxRunTime passes.
 */
export interface LocalProcessRunning {
  readonly state: 'running';
  readonly startedAt: string;
  readonly supervised: boolean;
}

/** The run ended and the launcher recorded how; `message` is the line for lastStatusMessage. */
export interface LocalProcessExited {
  readonly state: 'exited';
  /** Exited by itself with code 0. */
  readonly succeeded: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Stopped for exceeding maxRunTime. */
  readonly timedOut: boolean;
  /** Stopped by killLocalProcess. */
  readonly cancelled: boolean;
  readonly startedAt: string | null;
  readonly endedAt: string;
  readonly message: string;
}

/** The run ended without an exit record: the host restarted, or the launcher was killed. */
export interface LocalProcessLost {
  readonly state: 'lost';
  readonly reason: string;
}

/** The state of a `local` run. */
export type LocalProcessStatus = LocalProcessRunning | LocalProcessExited | LocalProcessLost;

// A launcher whose app has ended writes its record within milliseconds; this is the patience for
// a loaded host before reporting what we see.
const RECORD_WAIT_MS = 2_000;

function exited(record: ExitRecord): LocalProcessExited {
  const { exitCode, signal, timedOut, cancelled, startedAt, endedAt } = record;
  return { state: 'exited', succeeded: exitSucceeded(record), exitCode, signal, timedOut, cancelled, startedAt, endedAt, message: describeExit(record) };
}

/** The state of the run that `handle` names. */
export async function inspectLocalProcess(handle: LocalProcessHandle): Promise<LocalProcessStatus> {
  const layout = workDirLayout(handle.workDir);
  const readRecord = (): Promise<ExitRecord | undefined> => readJsonIfExists(layout.exitRecord, exitRecordSchema);
  const before = await readRecord();
  if (before !== undefined) return exited(before);
  const bootId = currentBootId();
  if (handle.bootId !== null && bootId !== null && handle.bootId !== bootId) {
    return { state: 'lost', reason: `the host restarted after the app started at ${handle.startedAt}, and no exit record was written; the app did not finish` };
  }
  const launcherAlive = (): Promise<boolean> => isLauncherAlive(handle.launcherPid, handle.workDir);
  if (await isProcessGroupAlive(handle.pgid)) return { state: 'running', startedAt: handle.startedAt, supervised: await launcherAlive() };
  // The app has ended; its launcher, if alive, is about to write the record.
  await waitUntil(async () => (await readRecord()) !== undefined || !(await launcherAlive()), RECORD_WAIT_MS);
  // Read after seeing the launcher gone: it writes the record before it exits, so this is final.
  const after = await readRecord();
  if (after !== undefined) return exited(after);
  if (await launcherAlive()) return { state: 'running', startedAt: handle.startedAt, supervised: true };
  return {
    state: 'lost',
    reason: `process group ${handle.pgid} and its launcher (pid ${handle.launcherPid}) are gone and no exit record was written (killed with SIGKILL, or the host restarted); the app may not have finished`,
  };
}
