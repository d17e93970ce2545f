/**
 * The flow runs of one office: how many are in flight (so that `stop()` can wait for them) and
 * their common cancellation (so that `stop()` can cancel them). A counter and a flag rather than
 * a set of runs: putting each run in a set costs more than running a trivial job.
 */
export class RunGroup {
  active = 0;
  cancelled = false;
  reason: unknown;
  // Only runs whose jobs asked for an AbortSignal need telling; the rest see the flag.
  readonly #signalled = new Set<{ abortSignal(reason: unknown): void }>();
  #idle: Array<() => void> = [];

  /** Counts a run that starts. */
  enter(): void {
    this.active++;
  }

  /** Counts a run that ended. */
  leave(run: object): void {
    this.active--;
    this.#signalled.delete(run as { abortSignal(reason: unknown): void });
    if (this.active === 0 && this.#idle.length > 0) this.#idle.splice(0).forEach((resolve) => resolve());
  }

  /** Registers a run that created its AbortSignal, so that `cancelAll` aborts it. */
  watch(run: { abortSignal(reason: unknown): void }): void {
    this.#signalled.add(run);
  }

  /** Cancels every run in flight, and every run that starts from now on. */
  cancelAll(reason: unknown): void {
    this.cancelled = true;
    this.reason = reason;
    for (const run of this.#signalled) run.abortSignal(reason);
  }

  /** Resolves when no run is in flight. */
  whenIdle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }
}
