/**
 * Worker threads of thread-pool teams import JavaScript, while vitest runs the TypeScript sources.
 * Before the tests, this compiles the sources with tsc (decorator metadata included) into the
 * directory that `JOBFLOOR_COMPILED_DIR` names (see vitest.config.ts and
 * framework/teams/thread-pool/compiled-sources.ts).
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';

export async function compileForWorkers(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const args = [tsc, '-p', 'tsconfig.json', '--outDir', outDir, '--declaration', 'false', '--sourceMap', 'false'];
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      // Exit code 2: type errors, but the files were written; `npm run check` reports type errors.
      if (error && error.code !== 2) reject(new Error(`Compiling the sources for worker threads failed:\n${stdout}`, { cause: error }));
      else resolve();
    });
  });
}
