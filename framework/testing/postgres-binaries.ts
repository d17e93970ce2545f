/** Finding the PostgreSQL server binaries, and how to run them when this process is root. */
import { accessSync, constants as fsConstants, readdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

const SYSTEM_POSTGRES_ROOT = '/usr/lib/postgresql';

/**
 * The directory holding `initdb` and `pg_ctl`: `explicit`, else `JOBFLOOR_PG_BIN`, else the newest
 * `/usr/lib/postgresql/<version>/bin`, else where `initdb` on PATH really lives. Throws an error
 * that says what was searched and how to fix it.
 */
export function findBinDirectory(explicit: string | undefined): string {
  const searched: string[] = [];
  const fromEnv = process.env.JOBFLOOR_PG_BIN;
  // An explicit choice that is wrong is an error, not a reason to silently use something else.
  for (const [source, dir] of [
    ['options.binDirectory', explicit],
    ['JOBFLOOR_PG_BIN', fromEnv],
  ] as const) {
    if (!dir) continue;
    if (hasPostgresBinaries(dir)) return dir;
    throw new Error(`${source} is set to ${dir}, but initdb and pg_ctl are not both executable there.`);
  }

  searched.push(`${SYSTEM_POSTGRES_ROOT}/*/bin`);
  const system = newestSystemBinDirectory();
  if (system) return system;

  searched.push('initdb on PATH');
  const onPath = findOnPath('initdb');
  // pg_ctl locates `postgres` next to its real location, so follow symlinks (e.g. /usr/local/bin).
  if (onPath) {
    const dir = dirname(realpathSync(onPath));
    if (hasPostgresBinaries(dir)) return dir;
  }

  throw new Error(
    `No PostgreSQL server binaries found (searched ${searched.join(', ')}). ` +
      'Install the PostgreSQL server (e.g. `apt-get install postgresql`), or set JOBFLOOR_PG_BIN to the ' +
      'directory containing initdb and pg_ctl, or set DATABASE_URL to use an existing server.',
  );
}

function newestSystemBinDirectory(): string | undefined {
  let versions: string[];
  try {
    versions = readdirSync(SYSTEM_POSTGRES_ROOT);
  } catch {
    return undefined;
  }
  return versions
    .filter((version) => hasPostgresBinaries(join(SYSTEM_POSTGRES_ROOT, version, 'bin')))
    .sort(compareVersionsDescending)
    .map((version) => join(SYSTEM_POSTGRES_ROOT, version, 'bin'))[0];
}

/** Numeric, so that "15" sorts above "9.6". */
function compareVersionsDescending(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (right[i] ?? 0) - (left[i] ?? 0);
    if (difference !== 0 && !Number.isNaN(difference)) return difference;
  }
  return 0;
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function hasPostgresBinaries(dir: string): boolean {
  return isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl'));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}


/** runuser lives in /usr/sbin, which is often missing from a non-login PATH. */
export function findRunuser(): string {
  const found = findOnPath('runuser') ?? ['/usr/sbin/runuser', '/sbin/runuser'].find(isExecutable);
  if (found) return found;
  throw new Error(
    'Running as root, so PostgreSQL must be run as the `postgres` user through runuser, but runuser was not ' +
      'found (PATH, /usr/sbin, /sbin). Install util-linux, run the tests as a non-root user, or set DATABASE_URL.',
  );
}

