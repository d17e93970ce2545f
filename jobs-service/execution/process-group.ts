/**
 * Processes and process groups seen through the operating system only, so that any process can
 * ask (the worker that launched the app, or another one after a crash).
 *
 * "Alive" ignores zombies: a process that has exited but that no one has reaped still answers
 * `kill(pid, 0)`. Orphans are reaped by PID 1, and in a container PID 1 is often not an init that
 * reaps, so on Linux a group counts as alive only while one of its members has not exited (read
 * from /proc). Elsewhere `kill(-pgid, 0)` decides.
 */
import { readdir, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { LocalKillError } from './execution-errors.js';
import { waitUntil } from './wait-until.js';

const hasProc = process.platform === 'linux';

/** The state letter and process group of a process, from /proc/<pid>/stat; undefined when gone. */
async function procStat(pid: string | number): Promise<{ state: string; pgid: number } | undefined> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', pgid: Number(fields[2]) };
}

function hasExited(state: string): boolean {
  return state === 'Z' || state === 'X';
}

/** Whether `kill(target, 0)` finds a process (EPERM: it exists but belongs to another user). */
function answersSignalZero(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether process `pid` exists and has not exited. */
export async function isProcessAlive(pid: number): Promise<boolean> {
  if (!answersSignalZero(pid)) return false;
  if (!hasProc) return true;
  const stat = await procStat(pid);
  return stat !== undefined && !hasExited(stat.state);
}

/** Whether process group `pgid` has a member that has not exited. */
export async function isProcessGroupAlive(pgid: number): Promise<boolean> {
  assertGroupId(pgid);
  if (!answersSignalZero(-pgid)) return false;
  if (!hasProc) return true;
  // The usual case, without a scan: the group's leader (the app) still runs.
  const leader = await procStat(pgid);
  if (leader !== undefined && leader.pgid === pgid && !hasExited(leader.state)) return true;
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const stats = await Promise.all(pids.map((pid) => procStat(pid)));
  return stats.some((stat) => stat !== undefined && stat.pgid === pgid && !hasExited(stat.state));
}

/** Sends `signal` to every process of group `pgid`; false when the group is already gone. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): boolean {
  assertGroupId(pgid);
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** How long {@link terminateProcessGroup} gives a group. */
export interface TerminateOptions {
  /** Between SIGTERM and SIGKILL, for the app to clean up. */
  readonly graceMs: number;
  /** After SIGKILL, before giving up with {@link LocalKillError}. */
  readonly killTimeoutMs: number;
}

/**
 * Stops every process of group `pgid`: SIGTERM, then SIGKILL for what is left after `graceMs`.
 * Resolves once no member is left; resolves at once when the group is already gone.
 */
export async function terminateProcessGroup(pgid: number, options: TerminateOptions): Promise<void> {
  if (!(await isProcessGroupAlive(pgid))) return;
  signalProcessGroup(pgid, 'SIGTERM');
  if (await waitUntil(async () => !(await isProcessGroupAlive(pgid)), options.graceMs)) return;
  signalProcessGroup(pgid, 'SIGKILL');
  if (await waitUntil(async () => !(await isProcessGroupAlive(pgid)), options.killTimeoutMs)) return;
  throw new LocalKillError(pgid, options.killTimeoutMs);
}

let cachedBootId: string | null | undefined;

/**
 * The host's boot id (Linux), or null where there is none. A handle records it so that after a
 * reboot a process that happens to get the same pid is not taken for the job's.
 */
export function currentBootId(): string | null {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = hasProc ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : null;
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId;
}

// kill(-1) signals every process we may signal and kill(-0) our own group: never let a bad
// handle do either.
function assertGroupId(pgid: number): void {
  if (!Number.isSafeInteger(pgid) || pgid <= 1) throw new RangeError(`${pgid} is not a process group id this code may signal`);
}
