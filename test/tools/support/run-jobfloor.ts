/**
 * Runs the compiled `jobfloor` command in a child process, as a user would: the test harness
 * compiles the sources into JOBFLOOR_COMPILED_DIR before the tests (test/support/global-setup.ts).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

export interface JobfloorRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runJobfloor(args: readonly string[]): Promise<JobfloorRun> {
  const entry = path.resolve(process.env['JOBFLOOR_COMPILED_DIR']!, 'tools', 'jobfloor.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [entry, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}
