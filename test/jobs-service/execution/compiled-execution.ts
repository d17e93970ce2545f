/**
 * A compiled copy of jobs-service/execution/ for the tests of `local` runs: the launcher runs as a
 * Node program, and other processes import the module, so both need JavaScript.
 *
 * The suite's shared copy (JOBFLOOR_COMPILED_DIR, built by test/support/global-setup.ts) is
 * deleted and rebuilt by every `vitest run`, so a second run started by someone else in the same
 * tree pulls it away from under these tests. This copy is private instead: named after a hash of
 * the sources it is built from, built once, moved into place whole, and never changed.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

// Inside the repository, so that the compiled files find zod and undici in node_modules.
const CACHE = 'node_modules/.cache/jobfloor';
// The module's own folder and the framework files it imports.
const EXTRA_SOURCES = ['framework/config/suggest.ts', 'framework/teams/thread-pool/compiled-sources.ts'];

function sources(): string[] {
  const own = readdirSync('jobs-service/execution')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `jobs-service/execution/${file}`);
  return [...own, ...EXTRA_SOURCES].sort();
}

function hashOf(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0${readFileSync(file, 'utf8')}\0`);
  return hash.digest('hex').slice(0, 16);
}

async function compile(outDir: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const options = ['--rootDir', '.', '--outDir', outDir, '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--skipLibCheck'];
  await promisify(execFile)(process.execPath, [tsc, ...options, 'jobs-service/execution/index.ts', 'jobs-service/execution/launcher.ts']).catch((error: { code?: number; stdout?: string }) => {
    // Exit code 2: type errors, files written anyway; `npx tsc` reports those.
    if (error.code !== 2) throw new Error(`compiling jobs-service/execution failed:\n${error.stdout ?? ''}`, { cause: error });
  });
}

/**
 * The directory of the compiled copy (mirroring the source tree), built when missing. Set
 * JOBFLOOR_COMPILED_DIR to it before launching from the TypeScript sources.
 */
export async function compiledExecution(): Promise<string> {
  const dir = path.resolve(CACHE, `execution-${hashOf(sources())}`);
  if (existsSync(path.join(dir, '.complete'))) return dir;
  const staging = `${dir}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  await compile(staging);
  await writeFile(path.join(staging, '.complete'), '');
  // Another test file may have built the same copy meanwhile: theirs is as good as ours.
  await rename(staging, dir).catch(() => rm(staging, { recursive: true, force: true }));
  return dir;
}
