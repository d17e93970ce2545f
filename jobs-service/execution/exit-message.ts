/**
 * The one-line account of how a `local` run ended, for the job's `lastStatusMessage`.
 */
import type { ExitRecord } from './local-records.js';

/** A duration as seed 002 writes maxRunTime, `HH:mm:ss` (hours may pass 24); milliseconds only when there are some. */
export function formatRunTime(ms: number): string {
  const wholeSeconds = Math.floor(ms / 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const clock = `${two(Math.floor(wholeSeconds / 3600))}:${two(Math.floor(wholeSeconds / 60) % 60)}:${two(wholeSeconds % 60)}`;
  return ms % 1000 === 0 ? clock : `${clock}.${String(ms % 1000).padStart(3, '0')}`;
}

/**
 * What happened, most telling first: a cancel or a timeout explains a signal, so they win over it.
 * Examples: "exited with code 3", "killed by signal SIGSEGV", "killed after exceeding maxRunTime
 * 00:00:02", "cancelled: the process group was stopped (SIGTERM)".
 */
export function describeExit(record: ExitRecord): string {
  if (record.launchError !== undefined) return `could not be started: ${record.launchError}`;
  if (record.cancelled) return `cancelled: the process group was stopped${record.signal === null ? '' : ` (${record.signal})`}`;
  if (record.timedOut) return `killed after exceeding maxRunTime ${formatRunTime(record.maxRunTimeMs)}`;
  if (record.signal !== null) return `killed by signal ${record.signal}`;
  return `exited with code ${record.exitCode}`;
}

/** Whether the run counts as a success: the app exited by itself with code 0. */
export function exitSucceeded(record: ExitRecord): boolean {
  return record.exitCode === 0 && record.signal === null && !record.timedOut && !record.cancelled && record.launchError === undefined;
}
