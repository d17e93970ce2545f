/**
 * The repository's root: the nearest directory above this module that holds a package.json. The
 * service reads its package version, SQL migrations, flow graphs and default teams file from
 * there, so the sources, dist/ and the test build's compiled copy all find the same files.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/** See the file comment; throws when no package.json is above this module. */
export function repositoryRoot(): string {
  found ??= search(dirname(fileURLToPath(import.meta.url)));
  return found;
}

function search(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === dirname(dir)) throw new Error(`jobfloor: no package.json above ${start}; run the service from its repository or package.`);
  }
}
