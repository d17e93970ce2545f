/**
 * The wake-up discipline the service's background loops share (the intake, the job worker, the
 * notification deliverer): a NOTIFY on the loop's channel or a slow safety sweep wakes the loop;
 * a wake-up that arrives while a round runs is not lost and not run in parallel, it makes the
 * loop go round once more.
 */
import type { Database } from '../database/database.js';

/** One round of work; resolves false to end the loop early (it failed and was logged). */
export type Round = () => Promise<boolean>;

/** Runs rounds on wake-ups; see the file comment. */
export class WakeCoalescer {
  #running: Promise<void> | undefined;
  #wokenWhileRunning = false;
  #unlisten: (() => Promise<void>) | undefined;
  #sweep: NodeJS.Timeout | undefined;

  /** `round` is the work; `mayRun` says whether the loop's owner still wants it (not stopping). */
  constructor(
    private readonly round: Round,
    private readonly mayRun: () => boolean,
  ) {}

  /**
   * Wakes on each NOTIFY on `channel`, and every `sweepIntervalMs` in case a notification was lost
   * with a dropped connection. Resolves once listening; does not wake by itself.
   */
  async listen(db: Database, channel: string, sweepIntervalMs: number): Promise<void> {
    this.#unlisten = await db.listen(channel, () => this.wake());
    this.#sweep = setInterval(() => this.wake(), sweepIntervalMs);
    this.#sweep.unref();
  }

  /** Stops listening and sweeping; a round in progress goes on (see idle()). */
  async quiet(): Promise<void> {
    clearInterval(this.#sweep);
    const unlisten = this.#unlisten;
    this.#unlisten = undefined;
    await unlisten?.();
  }

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
