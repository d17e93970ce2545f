/**
 * Fails a test that leaves an office running: a started office holds teams, timers and
 * process-scoped dependencies (pools) that outlive the test. The office is stopped first.
 */
import { afterEach } from 'vitest';
import { runningOffices } from '../../framework/office/running-offices.js';

/** Registers the check; called once per file from setup-each-file.ts. */
export function installOfficeLeakGuard(): void {
  afterEach(async () => {
    const leaked = runningOffices();
    if (leaked.length === 0) return;
    await Promise.all(leaked.map((office) => office.stop({ drainTimeoutMs: 0 })));
    throw new Error(`The test left ${leaked.length} office(s) running; stop them in the test or an afterEach.`);
  });
}
