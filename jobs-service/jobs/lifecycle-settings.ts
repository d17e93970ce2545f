/**
 * What the lifecycle jobs take from the service configuration: where `sim` jobs get their work
 * directories, how the monitor backs off, and the limits of input transfers.
 */
import type { TransferLimitsInput } from '../storage/index.js';

/** See the file comment. */
export class LifecycleSettings {
  constructor(
    /** The service's data directory; `sim` work directories are `<dataDir>/work/<tenant>/<job>`. */
    readonly dataDir: string,
    /** The monitor's first delay between status checks. */
    readonly monitorInitialDelayMs = 1_000,
    /** The longest delay between status checks; the delay doubles up to it. */
    readonly monitorMaxDelayMs = 30_000,
    readonly transferLimits: TransferLimitsInput = {},
  ) {}

  /** The delay after `previousMs` (undefined: the first check). */
  nextCheckDelay(previousMs: number | undefined): number {
    return previousMs === undefined ? this.monitorInitialDelayMs : Math.min(previousMs * 2, this.monitorMaxDelayMs);
  }
}
