import type { Office } from './office.js';

// Offices between start() and stop(), so that a test harness can fail a test that leaks one.
const running = new Set<Office>();

/** @internal */
export function trackOffice(office: Office): void {
  running.add(office);
}

/** @internal */
export function untrackOffice(office: Office): void {
  running.delete(office);
}

/** The offices started and not yet stopped in this thread. */
export function runningOffices(): readonly Office[] {
  return [...running];
}
