import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { awaitStart } from './await-start.js';
import { DEFAULT_START_TIMEOUT_MS } from './launch-local-process.js';
import type { LocalProcessHandle } from './local-records.js';
import { workDirLayout } from './work-dir-layout.js';

/**
 * The handle of the run launched in `workDir`, or undefined when nothing was launched there.
 * For a worker that resumes a job whose previous worker died between launching and saving the
 * handle: it finds the run instead of starting the app a second time. Waits up to
 * `startTimeoutMs` (default 10000) for a launch still starting; rejects with LocalLaunchError
 * when the launch failed.
 */
export async function findLocalProcess(workDir: string, options: { readonly startTimeoutMs?: number } = {}): Promise<LocalProcessHandle | undefined> {
  const layout = workDirLayout(resolve(workDir));
  const claimed = await access(layout.launchRequest).then(
    () => true,
    () => false,
  );
  if (!claimed) return undefined;
  return awaitStart(layout, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
}
