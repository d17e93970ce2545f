/**
 * The wake-up discipline the service's background loops share (the intake, the job worker, the
 * notification deliverer): a NOTIFY, a timer or a sweep wakes the loop; a wake-up that arrives
 * while a round runs is not lost and not run in parallel, it makes the loop go round once more.
 */

/** One round of work; resolves false to end the loop early (it failed and was logged). */
export type Round = () => Promise<boolean>;

/** Runs rounds on wake-ups; see the file comment. */
export class WakeCoalescer {
  #running: Promise<void> | undefined;
  #wokenWhileRunning = false;

  /** `round` is the work; `mayRun` says whether the loop's owner still wants it (not stopping). */
  constructor(
    private readonly round: Round,
    private readonly mayRun: () => boolean,
  ) {}

  /** Starts a round, or asks the running one to go round once more. */
  wake(): void {
    if (!this.mayRun()) return;
    if (this.#running !== undefined) {
      this.#wokenWhileRunning = true;
      return;
    }
    this.#running = this.#roundsUntilQuiet().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves when no round is running. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  async #roundsUntilQuiet(): Promise<void> {
    do {
      this.#wokenWhileRunning = false;
      if (!(await this.round())) return;
    } while (this.#wokenWhileRunning && this.mayRun());
  }
}
