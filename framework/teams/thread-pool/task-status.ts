import { performance } from 'node:perf_hooks';

/**
 * A task's start, shared between the main thread and the worker without a message: a flag and the
 * wall-clock time the job started. The main thread reads it to tell a queued task (which leaves
 * the queue when cancelled) from a running one (whose job is told), and to measure the queue wait.
 */
export class TaskStatus {
  readonly buffer: SharedArrayBuffer;
  readonly #flag: Int32Array;
  readonly #time: Float64Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.buffer = buffer;
    this.#flag = new Int32Array(buffer, 0, 1);
    this.#time = new Float64Array(buffer, 8, 1);
  }

  /** Worker side: the job starts now. */
  markStarted(): void {
    this.#time[0] = performance.timeOrigin + performance.now();
    Atomics.store(this.#flag, 0, 1);
  }

  get started(): boolean {
    return Atomics.load(this.#flag, 0) === 1;
  }

  /** When the job started, as `performance.now()` of the calling thread. */
  get startedAt(): number {
    return this.#time[0]! - performance.timeOrigin;
  }
}
