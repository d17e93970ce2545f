/**
 * The launcher of `local` runs: `node launcher.js <workDir>`. The worker starts it detached, in a
 * session of its own, and forgets it; it is the app's parent for the whole run, so the run does
 * not depend on the worker staying up (issue 5: the process outlives a worker restart).
 *
 * It starts the app without a shell, in a process group of its own (so cancel and maxRunTime can
 * stop the app and everything it started, without stopping the launcher that records the end),
 * records the group in process.json, enforces maxRunTime, and writes exit.json last. Its own
 * errors go to launcher.log (its stderr).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { access, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readJsonIfExists, writeJsonAtomically } from './json-files.js';
import { launchRequestSchema, type ExitRecord, type LaunchRequest } from './local-records.js';
import { currentBootId, terminateProcessGroup } from './process-group.js';
import { workDirLayout, type WorkDirLayout } from './work-dir-layout.js';

// After SIGKILL a group is gone within milliseconds unless a process hangs in the kernel; waiting
// longer only delays the exit record.
const KILL_TIMEOUT_MS = 10_000;
// setTimeout fires at once for delays above 2^31 - 1 ms (about 24.8 days); longer limits are chained.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The end of the app's main process, as Node reports it. */
interface AppExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Starts the app with its output in the run's files; resolves once it runs, rejects when it cannot start. */
async function startApp(layout: WorkDirLayout, request: LaunchRequest): Promise<{ child: ChildProcess; exited: Promise<AppExit> }> {
  const stdout = await open(layout.stdout, 'w');
  const stderr = await open(layout.stderr, 'w');
  try {
    const [program, ...args] = request.argv as [string, ...string[]];
    const child = spawn(program, args, { cwd: layout.workDir, env: request.env, stdio: ['ignore', stdout.fd, stderr.fd], detached: true, shell: false });
    const exited = new Promise<AppExit>((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
    await new Promise<void>((resolveStart, rejectStart) => {
      child.once('spawn', resolveStart);
      child.once('error', rejectStart);
    });
    return { child, exited };
  } finally {
    // The child has its own copies of the descriptors.
    await stdout.close();
    await stderr.close();
  }
}

/** Calls `onLimit` once `ms` have passed, in steps that setTimeout can take; returns the cancel. */
function afterRunTime(ms: number, onLimit: () => void): () => void {
  let timer: NodeJS.Timeout;
  const arm = (left: number): void => {
    timer = setTimeout(() => (left > MAX_TIMER_MS ? arm(left - MAX_TIMER_MS) : onLimit()), Math.min(left, MAX_TIMER_MS));
  };
  arm(ms);
  return () => clearTimeout(timer);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function logError(context: string, error: unknown): void {
  process.stderr.write(`${new Date().toISOString()} ${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

/** Runs the app of `workDir` from start to exit record. */
async function runLaunch(workDir: string): Promise<void> {
  const layout = workDirLayout(workDir);
  const request = await readJsonIfExists(layout.launchRequest, launchRequestSchema);
  if (request === undefined) throw new Error(`${layout.launchRequest} does not exist`);
  const base = { timedOut: false, cancelled: false, maxRunTimeMs: request.maxRunTimeMs };
  const stop = stopOnSignal();
  const notStarted = async (reason: string): Promise<void> => {
    const record: ExitRecord = { ...base, exitCode: null, signal: null, startedAt: null, endedAt: new Date().toISOString(), launchError: reason };
    await writeJsonAtomically(layout.exitRecord, record);
  };
  if (stop.requested) return notStarted('the launcher was stopped before it started the app');

  let started: Awaited<ReturnType<typeof startApp>>;
  try {
    started = await startApp(layout, request);
  } catch (error) {
    return notStarted(`${request.argv[0]}: ${(error as Error).message}`);
  }
  const pgid = started.child.pid!;
  const startedAt = new Date().toISOString();
  await writeJsonAtomically(layout.processRecord, { pgid, launcherPid: process.pid, bootId: currentBootId(), startedAt });

  const terminate = (): Promise<void> =>
    terminateProcessGroup(pgid, { graceMs: request.graceMs, killTimeoutMs: KILL_TIMEOUT_MS }).catch((error: unknown) => logError(`stopping process group ${pgid}`, error));
  let timedOut = false;
  let stopping: Promise<void> | undefined;
  const cancelTimer = afterRunTime(request.maxRunTimeMs, () => {
    timedOut = true;
    stopping = terminate();
  });
  stop.onStop(() => void (stopping = terminate()));

  const exit = await started.exited;
  cancelTimer();
  await stopping;
  // The main process is done; what it left running in its group must not outlive the run.
  await terminate();
  const record: ExitRecord = { ...base, exitCode: exit.code, signal: exit.signal, timedOut, cancelled: await exists(layout.cancelMarker), startedAt, endedAt: new Date().toISOString() };
  await writeJsonAtomically(layout.exitRecord, record);
}

/**
 * Catches the signals that would end the launcher (the host shutting down, or a worker that gave
 * up waiting for the start): from the first moment, so that the launcher never dies leaving an
 * unrecorded app behind. A stop before the app runs means: do not start it; after, stop it and
 * record that.
 */
function stopOnSignal(): { readonly requested: boolean; onStop(action: () => void): void } {
  let requested = false;
  let action: (() => void) | undefined;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      requested = true;
      action?.();
    });
  }
  return {
    get requested() {
      return requested;
    },
    onStop(then) {
      action = then;
      if (requested) then();
    },
  };
}

// Run only as a program, never as a side effect of an import.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const workDir = process.argv[2];
  if (workDir === undefined) {
    logError('launcher', new Error('usage: node launcher.js <workDir>'));
    process.exitCode = 2;
  } else {
    runLaunch(workDir).catch((error: unknown) => {
      logError(`launching in ${workDir}`, error);
      process.exitCode = 1;
    });
  }
}
