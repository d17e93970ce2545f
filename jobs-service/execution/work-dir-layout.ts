/**
 * Where a `local` run keeps its files. Everything the execution system writes goes in the work
 * directory's `.jobfloor/` folder, so the app's own files stay apart (archiving can copy them
 * without the bookkeeping) and any worker can find a run from its work directory alone.
 *
 * ```
 * <workDir>/                 the app's current directory: staged inputs, its outputs
 *   .jobfloor/
 *     launch.json            what to run (argv, env, maxRunTime); created exclusively: the claim
 *     launcher.log           the launcher's own errors (normally empty)
 *     process.json           written by the launcher once the app runs: pgid, launcher pid, start
 *     stdout, stderr         the app's output
 *     cancel                 present once a cancel was asked for
 *     exit.json              the exit record, written last and atomically (temp file + rename)
 * ```
 */
import { join } from 'node:path';

/** The files of one `local` run, as absolute paths when `workDir` is absolute. */
export interface WorkDirLayout {
  readonly workDir: string;
  readonly controlDir: string;
  readonly launchRequest: string;
  readonly launcherLog: string;
  readonly processRecord: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly cancelMarker: string;
  readonly exitRecord: string;
}

/** The name of the bookkeeping folder inside a work directory. */
export const CONTROL_DIR_NAME = '.jobfloor';

/** The layout of the run in `workDir`. */
export function workDirLayout(workDir: string): WorkDirLayout {
  const controlDir = join(workDir, CONTROL_DIR_NAME);
  return {
    workDir,
    controlDir,
    launchRequest: join(controlDir, 'launch.json'),
    launcherLog: join(controlDir, 'launcher.log'),
    processRecord: join(controlDir, 'process.json'),
    stdout: join(controlDir, 'stdout'),
    stderr: join(controlDir, 'stderr'),
    cancelMarker: join(controlDir, 'cancel'),
    exitRecord: join(controlDir, 'exit.json'),
  };
}
