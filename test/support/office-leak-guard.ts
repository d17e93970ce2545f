/**
 * Fails a test that leaves an office running that it started: a started office holds teams,
 * timers and process-scoped dependencies (pools) that outlive the test. The office is stopped
 * first. Offices started by a `beforeAll` (a jobs service shared by a file's tests) were running
 * before the test and are left to their `afterAll`.
 */
import { afterEach, beforeEach } from 'vitest';
import type { Office } from '../../framework/index.js';
import { runningOffices } from '../../framework/office/running-offices.js';

/** Registers the check; called once per file from setup-each-file.ts. */
export function installOfficeLeakGuard(): void {
  let before = new Set<Office>();
  beforeEach(() => {
    before = new Set(runningOffices());
  });
  afterEach(async () => {
    const leaked = runningOffices().filter((office) => !before.has(office));
    if (leaked.length === 0) return;
    await Promise.all(leaked.map((office) => office.stop({ drainTimeoutMs: 0 })));
    throw new Error(`The test left ${leaked.length} office(s) running; stop them in the test or an afterEach.`);
  });
}
