/**
 * A throwaway PostgreSQL cluster for tests and examples: `initdb` into a temporary directory, start
 * the server on a free loopback port, and remove everything again on `stop()`.
 *
 * The cluster is tuned for speed, not durability (fsync, synchronous_commit and full_page_writes
 * are off): nothing in it is meant to survive the process.
 */
import { execFile, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinDirectory, findRunuser } from './postgres-binaries.js';

/** Options for {@link startThrowawayPostgres}. */
export interface ThrowawayPostgresOptions {
  /**
   * Directory holding `initdb`, `pg_ctl` and `postgres`. When omitted: the `JOBFLOOR_PG_BIN`
   * environment variable, then the newest `/usr/lib/postgresql/<version>/bin`, then `initdb` on PATH.
   */
  binDirectory?: string;
}

/** A running throwaway cluster, returned by {@link startThrowawayPostgres}. */
export interface ThrowawayPostgres {
  /** Connection string of the `postgres` superuser to the `postgres` database (no password: trust auth). */
  readonly connectionString: string;
  /** The loopback TCP port the server listens on (127.0.0.1 only). */
  readonly port: number;
  /** The cluster's data directory; it lives inside a temporary directory that `stop()` deletes. */
  readonly dataDirectory: string;
  /** Stops the server immediately and deletes its directory. Safe to call more than once. */
  stop(): Promise<void>;
}

const TEMP_PREFIX = 'jobfloor-pg-';
const START_ATTEMPTS = 3;
const START_TIMEOUT_SECONDS = 30;
const LOG_TAIL_LINES = 30;

/** How to run a PostgreSQL binary: directly, or (as root) through `runuser -u postgres --`. */
interface Runner {
  readonly binDirectory: string;
  /** Path of runuser when running as root; undefined means run the binaries directly. */
  readonly runuser: string | undefined;
  /** Working directory for every command; the `postgres` user must be able to enter it. */
  readonly cwd: string;
}

/** The temporary directory layout of one cluster. */
interface ClusterPaths {
  readonly base: string;
  readonly data: string;
  readonly sockets: string;
  readonly log: string;
}

/**
 * Creates a fresh PostgreSQL cluster in a temporary directory and starts it on a free loopback port.
 * Throws an Error that says how to fix the environment if no PostgreSQL binaries can be found.
 */
export async function startThrowawayPostgres(options: ThrowawayPostgresOptions = {}): Promise<ThrowawayPostgres> {
  const binDirectory = findBinDirectory(options.binDirectory);
  // PostgreSQL refuses to run as root; then everything runs as `postgres`, which must own the files.
  const runuser = process.getuid?.() === 0 ? findRunuser() : undefined;
  const paths = await createClusterDirectory(runuser !== undefined);
  const runner: Runner = { binDirectory, runuser, cwd: paths.base };
  // Until start succeeds, any failure must not leave the directory (or a half-started server) behind.
  const removeExitHook = registerExitCleanup(runner, paths);
  try {
    await initCluster(runner, paths);
    const port = await startServer(runner, paths);
    return makeHandle(runner, paths, port, removeExitHook);
  } catch (error) {
    await stopServer(runner, paths).catch(() => undefined);
    await rm(paths.base, { recursive: true, force: true });
    removeExitHook();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// Directory and user

async function createClusterDirectory(asPostgresUser: boolean): Promise<ClusterPaths> {
  const base = await mkdtemp(join(tmpdir(), TEMP_PREFIX));
  const paths: ClusterPaths = {
    base,
    data: join(base, 'data'),
    // Our own socket directory: the default (/var/run/postgresql) may not exist or be writable.
    sockets: join(base, 'sockets'),
    log: join(base, 'server.log'),
  };
  try {
    await mkdir(paths.data, { mode: 0o700 });
    await mkdir(paths.sockets, { mode: 0o700 });
    if (asPostgresUser) await chownRecursive(base, await postgresUserIds());
    return paths;
  } catch (error) {
    await rm(base, { recursive: true, force: true });
    throw error;
  }
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).trim());
    return { uid, gid };
  } catch (error) {
    throw new Error(
      'Running as root, so PostgreSQL must run as the `postgres` system user, but it could not be looked up. ' +
        'Create it (e.g. `useradd --system postgres`), run the tests as a non-root user, or set DATABASE_URL.',
      { cause: error },
    );
  }
}

async function chownRecursive(path: string, ids: { uid: number; gid: number }): Promise<void> {
  await chown(path, ids.uid, ids.gid);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await chownRecursive(child, ids);
    else await chown(child, ids.uid, ids.gid);
  }
}

// ---------------------------------------------------------------------------------------------------
// initdb, start, stop

async function initCluster(runner: Runner, paths: ClusterPaths): Promise<void> {
  // --no-sync: the cluster is disposable, and fsyncing the catalog costs seconds.
  await runPostgresBinary(runner, 'initdb', [
    '-D', paths.data,
    '-U', 'postgres',
    '--auth=trust',
    '--no-sync',
    '--encoding=UTF8',
    '--locale=C',
  ]);
}

/**
 * Starts the server, retrying on another port when the chosen one was taken between picking it and
 * the server binding it (other test workers start clusters at the same time).
 */
async function startServer(runner: Runner, paths: ClusterPaths): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await pickFreePort();
    // pg_ctl appends to the log, so only what this attempt wrote says why this attempt failed.
    const logOffset = await fileSize(paths.log);
    try {
      await runPostgresBinary(runner, 'pg_ctl', [
        '-D', paths.data,
        '-w',
        '-t', String(START_TIMEOUT_SECONDS),
        '-l', paths.log,
        '-o', serverOptions(port, paths.sockets),
        'start',
      ]);
      return port;
    } catch (error) {
      const log = await logTail(paths.log, logOffset);
      if (attempt < START_ATTEMPTS && /address already in use/i.test(log)) continue;
      throw new Error(
        `PostgreSQL did not start on port ${port} (attempt ${attempt}).\n` +
          `${errorMessage(error)}\n--- last lines of ${paths.log} ---\n${log}`,
        { cause: error },
      );
    }
  }
}

/** pg_ctl hands `-o` to `/bin/sh`, so the one path in it is shell-quoted. */
function serverOptions(port: number, socketDirectory: string): string {
  return [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${shellQuote(socketDirectory)}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    // Parallel test files each open pools; the default 100 is easy to exhaust.
    '-c max_connections=200',
  ].join(' ');
}

/** Immediate mode: no checkpoint on the way down, the data is thrown away anyway. */
async function stopServer(runner: Runner, paths: ClusterPaths): Promise<void> {
  try {
    await runPostgresBinary(runner, 'pg_ctl', ['-D', paths.data, '-m', 'immediate', 'stop']);
  } catch (error) {
    // Failing because it is not running (never started, already stopped, crashed) is fine.
    if (await isServerRunning(runner, paths)) throw error;
  }
}

/** `pg_ctl status` exits 3 when no server runs and 4 when there is no usable data directory. */
async function isServerRunning(runner: Runner, paths: ClusterPaths): Promise<boolean> {
  try {
    await runPostgresBinary(runner, 'pg_ctl', ['-D', paths.data, 'status']);
    return true;
  } catch (error) {
    const code = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
    return !(code === 3 || code === 4);
  }
}

function makeHandle(runner: Runner, paths: ClusterPaths, port: number, removeExitHook: () => void): ThrowawayPostgres {
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    await stopServer(runner, paths);
    await rm(paths.base, { recursive: true, force: true });
    removeExitHook();
  };
  return {
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDirectory: paths.data,
    stop() {
      // Memoised so concurrent and repeated calls share one shutdown; a failure may be retried.
      stopping ??= stop().catch((error: unknown) => {
        stopping = undefined;
        throw error;
      });
      return stopping;
    },
  };
}

/**
 * If the process exits without stop() (a crashed or interrupted test run), kill the server and
 * remove its files synchronously: 'exit' listeners cannot await.
 */
function registerExitCleanup(runner: Runner, paths: ClusterPaths): () => void {
  const cleanup = (): void => {
    const [command, args] = commandLine(runner, 'pg_ctl', ['-D', paths.data, '-m', 'immediate', 'stop']);
    spawnSync(command, args, { cwd: runner.cwd, stdio: 'ignore', timeout: 10_000 });
    rmSync(paths.base, { recursive: true, force: true });
  };
  process.on('exit', cleanup);
  return () => process.off('exit', cleanup);
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

function commandLine(runner: Runner, binary: string, args: string[]): [string, string[]] {
  const executable = join(runner.binDirectory, binary);
  return runner.runuser
    ? [runner.runuser, ['-u', 'postgres', '--', executable, ...args]]
    : [executable, args];
}

function runPostgresBinary(runner: Runner, binary: string, args: string[]): Promise<string> {
  const [command, commandArgs] = commandLine(runner, binary, args);
  return run(command, commandArgs, runner.cwd);
}

/** execFile with an argv array (never a shell); a failure's message carries the command's output. */
function run(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const how = error.signal
        ? `killed by ${error.signal}`
        : typeof error.code === 'number'
          ? `exit code ${error.code}`
          : `could not run it: ${String(error.code)}`;
      const output = `${stdout}${stderr}`.trim();
      reject(new Error(`\`${[command, ...args].join(' ')}\` failed (${how}):\n${output}`, { cause: error }));
    });
  });
}

/** Asks the OS for a free port. It can be taken again before the server binds it; startServer retries. */
function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('Could not determine a free port'))));
    });
  });
}

/** The last lines the server wrote to its log after byte `offset`. */
async function logTail(file: string, offset: number): Promise<string> {
  try {
    const text = (await readFile(file)).subarray(offset).toString('utf8').trimEnd();
    return text ? text.split('\n').slice(-LOG_TAIL_LINES).join('\n') : '(the server log is empty)';
  } catch {
    return '(no server log)';
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
