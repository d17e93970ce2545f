import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `condition` every `intervalMs` until it holds or `timeoutMs` have passed; resolves with
 * whether it held. Used where the operating system offers no event to wait on: another process's
 * files, a process group that is not our child.
 */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(intervalMs, Math.max(1, deadline - Date.now())));
  }
}
