import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The piscina entry of thread-pool workers, in the language this module runs in. */
export const workerEntryUrl = new URL(`./thread-pool-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;

/**
 * Worker threads import JavaScript: a plain Node worker cannot compile TypeScript, and the module
 * hooks that could do it crash Node 20 when workers come and go. Compiled code (`npm run build`)
 * imports itself. When the framework runs from TypeScript sources (vitest), a tsc build of the
 * same sources must exist: `JOBFLOOR_COMPILED_DIR` names its output directory and
 * `JOBFLOOR_SOURCE_DIR` (default: the working directory) the directory it was compiled from.
 * The test harness compiles one before the tests run.
 */
export function javaScriptUrl(url: string): string {
  if (!url.endsWith('.ts')) return url;
  const compiled = compiledDirectory();
  // Start-up refuses a thread-pool team in this case (needsCompiledCopy), with the fix.
  if (compiled === undefined) throw new Error(`No compiled copy of ${url}: set JOBFLOOR_COMPILED_DIR.`);
  const relative = path.relative(sourceDirectory(), fileURLToPath(url)).replace(/\.ts$/, '.js');
  return pathToFileURL(path.join(compiled, relative)).href;
}

/** True when `url` is a TypeScript source that no compiled copy stands in for. */
export function needsCompiledCopy(url: string): boolean {
  return url.endsWith('.ts') && compiledDirectory() === undefined;
}

function compiledDirectory(): string | undefined {
  const directory = process.env['JOBFLOOR_COMPILED_DIR'];
  return directory === undefined || directory === '' ? undefined : path.resolve(directory);
}

function sourceDirectory(): string {
  return path.resolve(process.env['JOBFLOOR_SOURCE_DIR'] ?? process.cwd());
}
