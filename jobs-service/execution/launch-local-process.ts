/**
 * Starting an app on the `local` execution system: writes the launch request, starts the
 * launcher detached and unreferenced (it and the app outlive this process), and waits until the
 * app runs. See work-dir-layout.ts for the files and launcher.ts for what the launcher does.
 */
import { spawn } from 'node:child_process';
import { link, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { appEnvironment } from './app-environment.js';
import { awaitStart } from './await-start.js';
import { CommandTemplateError, LocalAlreadyLaunchedError } from './execution-errors.js';
import { launcherPath } from './launcher-path.js';
import type { LaunchRequest, LocalProcessHandle } from './local-records.js';
import { workDirLayout, type WorkDirLayout } from './work-dir-layout.js';

/** What to run, where, and for how long. */
export interface LaunchLocalOptions {
  /** The app's current directory; created if missing. Its `.jobfloor/` folder holds the run's files. */
  readonly workDir: string;
  /** The program and its arguments (see fillCommand); run without a shell. */
  readonly argv: readonly string[];
  /** The longest the app may run; then its process group is stopped and the run counts as timed out. */
  readonly maxRunTimeMs: number;
  /** Variables added to the app's environment (see appEnvironment). Default: none. */
  readonly env?: Readonly<Record<string, string>>;
  /** Between SIGTERM and SIGKILL when the run is stopped for exceeding maxRunTime. Default 5000 ms. */
  readonly graceMs?: number;
  /** How long to wait for the launcher to report that the app runs. Default 10000 ms. */
  readonly startTimeoutMs?: number;
}

/** The default of {@link LaunchLocalOptions.graceMs}. */
export const DEFAULT_GRACE_MS = 5_000;
/** The default of {@link LaunchLocalOptions.startTimeoutMs}. */
export const DEFAULT_START_TIMEOUT_MS = 10_000;

function checkOptions(options: LaunchLocalOptions): void {
  if (options.argv.length === 0 || options.argv[0] === '') throw new CommandTemplateError('cannot launch an empty command; the first argument names the program to run');
  if (!Number.isSafeInteger(options.maxRunTimeMs) || options.maxRunTimeMs <= 0) {
    throw new RangeError(`maxRunTimeMs must be a whole number of milliseconds above 0, not ${options.maxRunTimeMs}`);
  }
  if (options.graceMs !== undefined && (!Number.isSafeInteger(options.graceMs) || options.graceMs < 0)) {
    throw new RangeError(`graceMs must be a whole number of milliseconds, 0 or more, not ${options.graceMs}`);
  }
}

/**
 * Writes launch.json, complete, or not at all: a temporary file linked to its name, which fails
 * when the name exists. That makes launch.json the claim on the work directory: a second launch
 * in it fails instead of running the app twice.
 */
async function claimWorkDir(layout: WorkDirLayout, request: LaunchRequest): Promise<void> {
  await mkdir(layout.controlDir, { recursive: true });
  const temporary = `${layout.launchRequest}.${process.pid}.tmp`;
  // 0600: the environment may hold credentials the app needs.
  await writeFile(temporary, `${JSON.stringify(request, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temporary, layout.launchRequest);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new LocalAlreadyLaunchedError(layout.workDir);
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Starts the launcher in a session of its own, so no terminal signal or group kill of ours reaches it. */
async function startLauncher(layout: WorkDirLayout, script: string): Promise<{ pid: number | undefined; exited: () => boolean }> {
  const log = await open(layout.launcherLog, 'a');
  try {
    const launcher = spawn(process.execPath, [script, layout.workDir], {
      cwd: layout.workDir,
      env: appEnvironment(),
      detached: true,
      stdio: ['ignore', 'ignore', log.fd],
    });
    let exited = false;
    launcher.once('exit', () => (exited = true));
    launcher.on('error', () => (exited = true));
    launcher.unref();
    return { pid: launcher.pid, exited: () => exited };
  } finally {
    await log.close();
  }
}

function stopLauncher(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // It exited meanwhile.
  }
}

/**
 * Starts `argv` in `workDir` and resolves with its handle once it runs. The app's output goes to
 * the handle's stdoutPath and stderrPath; its end is written to exitRecordPath, whichever worker
 * is alive then. Rejects with LocalAlreadyLaunchedError when the work directory has a launch
 * already, and with LocalLaunchError when the program cannot be started.
 */
export async function launchLocalProcess(options: LaunchLocalOptions): Promise<LocalProcessHandle> {
  checkOptions(options);
  const layout = workDirLayout(resolve(options.workDir));
  const request: LaunchRequest = { argv: [...options.argv], env: appEnvironment(options.env), maxRunTimeMs: options.maxRunTimeMs, graceMs: options.graceMs ?? DEFAULT_GRACE_MS };
  // Before the claim: a missing launcher must not leave a work directory that refuses a retry.
  const script = launcherPath(layout.workDir);
  await claimWorkDir(layout, request);
  const launcher = await startLauncher(layout, script);
  try {
    return await awaitStart(layout, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS, { launcherExited: launcher.exited });
  } catch (error) {
    // A launcher that is merely slow must not start the app after we gave up on it.
    if (launcher.pid !== undefined && !launcher.exited()) stopLauncher(launcher.pid);
    throw error;
  }
}
