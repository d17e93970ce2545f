/**
 * Test support for `local` runs: a work directory per test, apps written as small Node scripts
 * (so the tests need no shell tools), and clean-up that stops every run a test left behind.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll } from 'vitest';
import { inspectLocalProcess, killLocalProcess, launchLocalProcess, type LaunchLocalOptions, type LocalProcessExited, type LocalProcessHandle } from '../../../jobs-service/execution/index.js';
import { waitUntil } from '../../../jobs-service/execution/wait-until.js';
import { compiledExecution } from './compiled-execution.js';

/** The argv that runs `source` as a Node program (the app of a test). */
export function nodeApp(source: string): string[] {
  return [process.execPath, '-e', source];
}

/** Registers clean-up; `workDir()` makes a fresh work directory, `launch()` tracks what it starts. */
export function useLocalRuns(): {
  workDir(): string;
  launch(options: Omit<LaunchLocalOptions, 'workDir'> & { workDir?: string }): Promise<LocalProcessHandle>;
  track(handle: LocalProcessHandle): void;
} {
  const dirs: string[] = [];
  const handles: LocalProcessHandle[] = [];
  // The launcher is found through JOBFLOOR_COMPILED_DIR; this file's process has its own environment.
  beforeAll(async () => {
    process.env['JOBFLOOR_COMPILED_DIR'] = await compiledExecution();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((handle) => killLocalProcess(handle, { graceMs: 100 })));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const workDir = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jobfloor-local-'));
    dirs.push(dir);
    return dir;
  };
  return {
    workDir,
    async launch(options) {
      const handle = await launchLocalProcess({ ...options, workDir: options.workDir ?? workDir() });
      handles.push(handle);
      return handle;
    },
    track: (handle) => void handles.push(handle),
  };
}

/** Waits (up to 15 s) for the run to end and returns how it ended. */
export async function waitForExit(handle: LocalProcessHandle): Promise<LocalProcessExited> {
  let last: Awaited<ReturnType<typeof inspectLocalProcess>> | undefined;
  await waitUntil(async () => (last = await inspectLocalProcess(handle)).state !== 'running', 15_000, 50);
  if (last?.state !== 'exited') throw new Error(`expected the run to exit, it is ${JSON.stringify(last)}`);
  return last;
}

/** Waits (up to 10 s) for `file` to hold text, and returns it trimmed. */
export async function waitForFile(file: string): Promise<string> {
  let text = '';
  await waitUntil(() => {
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      text = '';
    }
    return text !== '';
  }, 10_000);
  return text;
}

function procState(pid: string | number): { state: string; pgid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/**
 * Whether process group `pgid` has ended, asked of the system directly (not through the code
 * under test): `kill(-pgid, 0)` fails with ESRCH, or, on Linux, every member left is a zombie.
 * Zombies count as gone because in a container PID 1 often does not reap orphans: a grandchild
 * that was killed stays a zombie there, though it runs no more.
 */
export async function processGroupGone(pgid: number): Promise<boolean> {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  if (process.platform !== 'linux') return false;
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const members = pids.map((pid) => procState(pid)).filter((stat) => stat?.pgid === pgid);
  return members.every((stat) => stat?.state === 'Z');
}

/** Whether process `pid` has ended (gone, or a zombie). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const stat = procState(pid);
  return stat === undefined || stat.state === 'Z';
}
