import type { Logger } from 'pino';
import type { Database } from '../database/database.js';
import { INTAKE_CHANNEL } from './accept-submission.js';
import { WakeCoalescer } from '../worker/wake-coalescer.js';
import { promoteAccepted, type PromotedJob } from './promote-accepted.js';

/** Options of {@link IntakeWorker}. */
export interface IntakeWorkerOptions {
  readonly db: Database;
  readonly logger: Logger;
  /** Submissions promoted per transaction. */
  readonly batchSize: number;
  /**
   * Interval of the safety sweep. The worker is woken by NOTIFY and does not poll; the sweep only
   * catches a notification lost with a dropped LISTEN connection.
   */
  readonly sweepIntervalMs: number;
  /** Called with each batch of jobs made, e.g. to observe the ACCEPTED-to-PENDING latency. */
  readonly onPromoted?: (jobs: readonly PromotedJob[]) => void;
}

/**
 * Turns accepted submissions into PENDING jobs. It drains the intake when started (submissions
 * accepted before a crash or restart are not lost), then each time a submission NOTIFYs it.
 * Wake-ups that arrive during a drain are merged into one more drain.
 */
export class IntakeWorker {
  readonly #options: IntakeWorkerOptions;
  #stopped = false;
  readonly #drains = new WakeCoalescer(() => this.#drainOnce(), () => !this.#stopped);

  constructor(options: IntakeWorkerOptions) {
    this.#options = options;
  }

  /** Listens for submissions and drains what is already waiting. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#drains.listen(this.#options.db, INTAKE_CHANNEL, this.#options.sweepIntervalMs);
    this.wake();
    await this.idle();
  }

  /** Starts a drain, or asks the running one to go round once more. */
  wake(): void {
    this.#drains.wake();
  }

  /** Resolves when no drain is running; used by tests and by stop(). */
  async idle(): Promise<void> {
    await this.#drains.idle();
  }

  /** Stops listening and waits for the running drain; submissions left over wait for the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#drains.quiet();
    await this.idle();
  }

  async #drainOnce(): Promise<boolean> {
    try {
      await this.#drain();
      return true;
    } catch (error) {
      // The submissions stay in the intake; the next wake-up or sweep retries them.
      this.#options.logger.error({ err: error }, 'intake: promoting accepted submissions failed; will retry on the next wake-up');
      return false;
    }
  }

  async #drain(): Promise<void> {
    const { db, batchSize, onPromoted, logger } = this.#options;
    for (;;) {
      const promoted = await promoteAccepted(db, batchSize);
      if (promoted.length > 0) {
        logger.debug({ jobs: promoted.length }, 'intake: jobs recorded as PENDING');
        onPromoted?.(promoted);
      }
      if (promoted.length < batchSize || this.#stopped) return;
    }
  }
}
