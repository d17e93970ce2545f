/**
 * Waiting for a launcher to report: the app runs (process.json) or could not start (exit.json
 * with launchError). Shared by the worker that launches and by a worker that finds a launch after
 * a crash.
 */
import { access, readFile } from 'node:fs/promises';
import { LocalLaunchError } from './execution-errors.js';
import { readJsonIfExists } from './json-files.js';
import { exitRecordSchema, launchRequestSchema, processRecordSchema, type LocalProcessHandle } from './local-records.js';
import { waitUntil } from './wait-until.js';
import type { WorkDirLayout } from './work-dir-layout.js';

/** The handle of the run in `layout`, from its launch request and process record. */
async function handleFrom(layout: WorkDirLayout): Promise<LocalProcessHandle | undefined> {
  const started = await readJsonIfExists(layout.processRecord, processRecordSchema);
  if (started === undefined) return undefined;
  const request = await readJsonIfExists(layout.launchRequest, launchRequestSchema);
  if (request === undefined) throw new LocalLaunchError(layout.workDir, `${layout.launchRequest} is gone though the app started; was the work directory cleaned while the job ran?`);
  return {
    kind: 'local',
    version: 1,
    workDir: layout.workDir,
    stdoutPath: layout.stdout,
    stderrPath: layout.stderr,
    exitRecordPath: layout.exitRecord,
    ...started,
    maxRunTimeMs: request.maxRunTimeMs,
  };
}

function fileExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function launcherLog(layout: WorkDirLayout): Promise<string> {
  const text = await readFile(layout.launcherLog, 'utf8').catch(() => '');
  const tail = text.trim().split('\n').slice(-5).join(' | ');
  return tail === '' ? 'launcher.log is empty' : `launcher.log: ${tail}`;
}

/** What ends the wait early besides the launcher's files: the launcher exiting (when it is our child). */
export interface StartWatch {
  readonly launcherExited?: () => boolean;
}

/**
 * Resolves with the handle once the app runs; rejects with {@link LocalLaunchError} when it could
 * not start, when the launcher died first, or when neither happened within `timeoutMs`.
 */
export async function awaitStart(layout: WorkDirLayout, timeoutMs: number, watch: StartWatch = {}): Promise<LocalProcessHandle> {
  const reported = async (): Promise<boolean> => (await Promise.all([layout.processRecord, layout.exitRecord].map((path) => fileExists(path)))).some(Boolean);
  // One more look after the launcher exited: it may have written its file just before.
  await waitUntil(async () => (await reported()) || watch.launcherExited?.() === true, timeoutMs, 10);
  const handle = await handleFrom(layout);
  if (handle !== undefined) return handle;
  const ended = await readJsonIfExists(layout.exitRecord, exitRecordSchema);
  if (ended?.launchError !== undefined) {
    throw new LocalLaunchError(layout.workDir, `could not start the app: ${ended.launchError}; check the app's command (the program must exist, be executable and be given by path or be on PATH)`);
  }
  if (watch.launcherExited?.() === true) throw new LocalLaunchError(layout.workDir, `the launcher exited before starting the app (${await launcherLog(layout)})`);
  throw new LocalLaunchError(layout.workDir, `the launcher did not report within ${timeoutMs} ms (${await launcherLog(layout)}); is the host overloaded?`);
}
