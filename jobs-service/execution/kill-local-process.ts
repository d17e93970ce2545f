/**
 * Cancel for the `local` execution system: stops the app's whole process group, wherever the
 * worker that launched it is.
 */
import { access, writeFile } from 'node:fs/promises';
import { isLauncherAlive } from './launcher-identity.js';
import type { LocalProcessHandle } from './local-records.js';
import { currentBootId, terminateProcessGroup } from './process-group.js';
import { waitUntil } from './wait-until.js';
import { workDirLayout } from './work-dir-layout.js';

/** How patient {@link killLocalProcess} is. */
export interface KillLocalOptions {
  /** Between SIGTERM and SIGKILL, for the app to clean up. Default 5000 ms. */
  readonly graceMs?: number;
  /** How long to wait after SIGKILL, and then for the exit record. Default 10000 ms. */
  readonly timeoutMs?: number;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Leaves the cancel marker for the launcher; a work directory already cleaned up needs none. */
async function markCancelled(path: string): Promise<void> {
  try {
    await writeFile(path, `${new Date().toISOString()}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Stops the run: marks it cancelled (so its exit record says so), sends SIGTERM to its process
 * group, SIGKILL after `graceMs`, and resolves once the group is gone and the launcher has
 * written the exit record. Calling it again, or on a run that has ended, does nothing. Rejects
 * with LocalKillError only when the group outlives SIGKILL.
 */
export async function killLocalProcess(handle: LocalProcessHandle, options: KillLocalOptions = {}): Promise<void> {
  const layout = workDirLayout(handle.workDir);
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (await exists(layout.exitRecord)) return;
  // After a reboot the group id may belong to someone else: never signal it.
  const bootId = currentBootId();
  if (handle.bootId !== null && bootId !== null && handle.bootId !== bootId) return;
  await markCancelled(layout.cancelMarker);
  await terminateProcessGroup(handle.pgid, { graceMs: options.graceMs ?? 5_000, killTimeoutMs: timeoutMs });
  await waitUntil(async () => (await exists(layout.exitRecord)) || !(await isLauncherAlive(handle.launcherPid, handle.workDir)), timeoutMs);
}
