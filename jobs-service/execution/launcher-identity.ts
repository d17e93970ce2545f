import { readFile } from 'node:fs/promises';
import { isProcessAlive } from './process-group.js';

/**
 * Whether the launcher of `workDir` still runs as `pid`. On Linux its command line must name the
 * work directory, so a pid that the system gave to another process meanwhile does not count.
 */
export async function isLauncherAlive(pid: number, workDir: string): Promise<boolean> {
  if (!(await isProcessAlive(pid))) return false;
  if (process.platform !== 'linux') return true;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return commandLine.split('\0').includes(workDir);
}
