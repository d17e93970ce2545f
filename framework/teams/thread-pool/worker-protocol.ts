import type { MessagePort } from 'node:worker_threads';
import type { SerializedError } from './serialized-error.js';

/**
 * Every message that crosses between the main thread and a thread-pool worker, by name. The task
 * goes through piscina; everything else goes through a MessagePort created for the task.
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
  /** The task's own channel back to the main thread (transferred). */
  readonly port: MessagePort;
}

/** Main thread to worker, on the task's port. */
export type ToWorker =
  | { readonly type: 'abort'; readonly reason: string }
  | { readonly type: 'call-result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'call-result'; readonly id: number; readonly ok: false; readonly error: SerializedError };

/** Worker to main thread, on the task's port. */
export type FromWorker =
  /** The job begins: its queue wait ends. */
  | { readonly type: 'started' }
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'checkin'; readonly message: string }
  | { readonly type: 'spawn'; readonly method: string; readonly argument: unknown }
  | { readonly type: 'call'; readonly id: number; readonly method: string; readonly argument: unknown }
  | { readonly type: 'result'; readonly outcome: WorkerOutcome };

/** How the job ended on the worker. */
export type WorkerOutcome =
  | { readonly ok: true; readonly value: unknown; readonly goto?: { readonly method: string; readonly argument: unknown } }
  | { readonly ok: false; readonly error: SerializedError };
