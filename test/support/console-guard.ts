/**
 * Fails any test that writes to the console. Stray output is usually a forgotten debug line or an
 * error that a test swallowed; the framework logs through its logger, which tests silence.
 */
import { format } from 'node:util';
import { afterEach, beforeEach, vi } from 'vitest';

const GUARDED_METHODS = ['log', 'info', 'warn', 'error'] as const;
type GuardedMethod = (typeof GUARDED_METHODS)[number];

interface ConsoleCall {
  readonly method: GuardedMethod;
  readonly args: unknown[];
}

let calls: ConsoleCall[] = [];
let allowed = false;
let restoreSpies: Array<() => void> = [];

/**
 * Lets the current test use the console: calls go through to the real console and do not fail the
 * test. Call it at the start of the test (earlier calls were already swallowed). Reset after each test.
 */
export function allowConsole(): void {
  allowed = true;
}

/** Registers the beforeEach/afterEach pair; called once per file from setup-each-file.ts. */
export function installConsoleGuard(): void {
  beforeEach(() => {
    calls = [];
    allowed = false;
    for (const method of GUARDED_METHODS) {
      const original = console[method].bind(console);
      const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        if (allowed) original(...args);
        else calls.push({ method, args });
      });
      restoreSpies.push(() => spy.mockRestore());
    }
  });

  afterEach(() => {
    // Restore before throwing, so a failure here cannot leave the console muted for the next test.
    // Our own spy handles, not console[method]: the test may have restored them already.
    for (const restore of restoreSpies) restore();
    restoreSpies = [];
    const unexpected = allowed ? [] : calls;
    calls = [];
    if (unexpected.length > 0) {
      throw new Error(
        `The test wrote to the console ${unexpected.length} time(s); remove the output or call allowConsole():\n` +
          unexpected.map(describeCall).join('\n'),
      );
    }
  });
}

function describeCall(call: ConsoleCall): string {
  const text = format(...call.args);
  return `  console.${call.method}: ${text.length > 500 ? `${text.slice(0, 500)}…` : text}`;
}
