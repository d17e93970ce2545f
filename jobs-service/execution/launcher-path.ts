/**
 * Where the launcher's JavaScript is. Node runs it as a program of its own, so it must be
 * compiled: next to this module when the service runs from a build (`dist/`), or in the compiled
 * copy that `JOBFLOOR_COMPILED_DIR` names when this module runs from the TypeScript sources
 * (vitest), the same rule thread-pool workers follow.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { javaScriptUrl, needsCompiledCopy } from '../../framework/teams/thread-pool/compiled-sources.js';
import { LocalLaunchError } from './execution-errors.js';

/** The path of `launcher.js` for this installation; `workDir` only names the run in the error. */
export function launcherPath(workDir: string): string {
  const ownUrl = new URL(`./launcher${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
  if (needsCompiledCopy(ownUrl)) {
    throw new LocalLaunchError(workDir, `the local launcher exists only as TypeScript (${fileURLToPath(ownUrl)}); run the service from a build (npm run build) or set JOBFLOOR_COMPILED_DIR to a tsc build of the sources`);
  }
  return fileURLToPath(javaScriptUrl(ownUrl));
}
