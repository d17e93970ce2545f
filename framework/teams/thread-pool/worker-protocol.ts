import type { MessagePort } from 'node:worker_threads';
import type { SerializedError } from './serialized-error.js';

/**
 * Every message that crosses between the main thread and a thread-pool worker, by name. The task
 * goes through piscina. A job that can talk back (it has flows or a JobContext) gets a MessagePort
 * of its own for its flows, logs, check-ins, aborts and its outcome; any other job's outcome is
 * piscina's answer, which saves creating a channel per job.
 */

/** What the main thread sends to run one job on a worker. */
export interface WorkerTask {
  /** The office module to import: a file URL. */
  readonly officeModule: string;
  /** The office's name, when the module exports several offices. */
  readonly officeName: string | undefined;
  readonly job: string;
  /** The job's argument; an error argument travels as `{ [ENCODED_ERROR]: SerializedError }`. */
  readonly argument: unknown;
  readonly traceId: string;
  readonly flow: string;
  readonly node: string;
  readonly team: string;
  /** The job's flow methods whose links the graph marks `spawn`. */
  readonly spawnMethods: readonly string[];
  /** The main logger's level, so that the worker does not build lines nobody keeps. */
  readonly logLevel: string;
  /** Where the worker marks the job's start (see `TaskStatus`). */
  readonly status: SharedArrayBuffer;
  /** The task's own channel back to the main thread (transferred), for jobs that talk back. */
  readonly port: MessagePort | undefined;
}

/** Main thread to worker, on the task's port. */
export type ToWorker =
  | { readonly type: 'abort'; readonly reason: string }
  | { readonly type: 'call-result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'call-result'; readonly id: number; readonly ok: false; readonly error: SerializedError };

/** Worker to main thread, on the task's port. */
export type FromWorker =
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'checkin'; readonly message: string }
  | { readonly type: 'spawn'; readonly method: string; readonly argument: unknown }
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly argument: unknown }
  | { readonly type: 'result'; readonly outcome: WorkerOutcome };

/** How the job ended on the worker. */
export type WorkerOutcome =
  | { readonly ok: true; readonly value: unknown; readonly goto?: { readonly method: string; readonly argument: unknown } }
  | { readonly ok: false; readonly error: SerializedError };
