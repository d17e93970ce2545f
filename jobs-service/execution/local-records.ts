/**
 * The records of a `local` run, one zod schema each: the launch request the worker writes, the
 * process record and exit record the launcher writes, and the handle the lifecycle keeps in the
 * job's queue state. All are plain JSON, so any process can read them (a fresh worker after a
 * crash, an API server serving the job's log).
 */
import { z } from 'zod';
import { LocalHandleError } from './execution-errors.js';

const pid = z.int().positive();
const isoTime = z.iso.datetime();

/** `launch.json`: what the launcher runs. Written by the worker, read by the launcher. */
export const launchRequestSchema = z.object({
  argv: z.array(z.string()).min(1),
  env: z.record(z.string(), z.string()),
  maxRunTimeMs: z.int().positive(),
  graceMs: z.int().nonnegative(),
});
/** A parsed `launch.json`. */
export type LaunchRequest = z.output<typeof launchRequestSchema>;

/** `process.json`: the running app. Written by the launcher once the app has started. */
export const processRecordSchema = z.object({
  pgid: pid,
  launcherPid: pid,
  bootId: z.string().nullable(),
  startedAt: isoTime,
});
/** A parsed `process.json`. */
export type ProcessRecord = z.output<typeof processRecordSchema>;

/**
 * `exit.json`: how the run ended. Written last, by the launcher. `launchError` is set when the
 * app could not be started at all (then `startedAt` is null).
 */
export const exitRecordSchema = z.object({
  exitCode: z.int().nullable(),
  signal: z.string().nullable(),
  timedOut: z.boolean(),
  cancelled: z.boolean(),
  maxRunTimeMs: z.int().positive(),
  startedAt: isoTime.nullable(),
  endedAt: isoTime,
  launchError: z.string().optional(),
});
/** A parsed `exit.json`. */
export type ExitRecord = z.output<typeof exitRecordSchema>;

/**
 * The handle of a launched `local` process: plain JSON for the job's queue state. `pgid` is the
 * app's process group (the app's pid; its children share it); `bootId` is the host's boot id
 * (Linux), so a handle from before a reboot is not mistaken for a process that reuses the id.
 */
export const localProcessHandleSchema = z.object({
  kind: z.literal('local'),
  version: z.literal(1),
  workDir: z.string().min(1),
  stdoutPath: z.string().min(1),
  stderrPath: z.string().min(1),
  exitRecordPath: z.string().min(1),
  pgid: pid,
  launcherPid: pid,
  bootId: z.string().nullable(),
  startedAt: isoTime,
  maxRunTimeMs: z.int().positive(),
});
/** The handle of a launched `local` process. */
export type LocalProcessHandle = z.output<typeof localProcessHandleSchema>;

/**
 * A handle read back from storage (the job's queue state), checked. Throws
 * {@link LocalHandleError} naming every field that is wrong.
 */
export function parseLocalProcessHandle(json: unknown): LocalProcessHandle {
  const parsed = localProcessHandleSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the handle'}: ${issue.message}`);
  throw new LocalHandleError(`not a local process handle (${problems.join('; ')}); store the object launchLocalProcess() or findLocalProcess() returned, unchanged`);
}
