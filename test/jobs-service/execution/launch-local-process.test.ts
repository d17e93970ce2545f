/**
 * The `local` execution system with real processes: launching, output, exit codes, signals, the
 * claim on the work directory, and finding a launch again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fillCommand,
  findLocalProcess,
  LocalAlreadyLaunchedError,
  LocalLaunchError,
  parseLocalProcessHandle,
} from '../../../jobs-service/execution/index.js';
import { nodeApp, useLocalRuns, waitForExit } from './local-runs.js';

const runs = useLocalRuns();

describe('launchLocalProcess', () => {
  beforeEach(() => {
    process.env['JOBFLOOR_TEST_SECRET'] = 'worker-only';
  });
  afterEach(() => {
    delete process.env['JOBFLOOR_TEST_SECRET'];
  });

  it('runs the app in its work directory with its output in .jobfloor/stdout and stderr, and records exit code 0', async () => {
    const app = nodeApp(`
      require('node:fs').writeFileSync('result.txt', 'made in ' + process.cwd());
      console.log('hello from the app', process.env.GREETING, process.env.JOBFLOOR_TEST_SECRET ?? 'no secret');
      console.error('a warning');`);
    const handle = await runs.launch({ argv: app, maxRunTimeMs: 10_000, env: { GREETING: 'hi' } });

    expect(handle).toMatchObject({ kind: 'local', version: 1, stdoutPath: path.join(handle.workDir, '.jobfloor', 'stdout') });
    const status = await waitForExit(handle);
    expect(status).toMatchObject({ state: 'exited', succeeded: true, exitCode: 0, signal: null, timedOut: false, cancelled: false, message: 'exited with code 0' });
    expect(readFileSync(handle.stdoutPath, 'utf8')).toBe('hello from the app hi no secret\n');
    expect(readFileSync(handle.stderrPath, 'utf8')).toBe('a warning\n');
    expect(readFileSync(path.join(handle.workDir, 'result.txt'), 'utf8')).toBe(`made in ${handle.workDir}`);
  });

  it('passes filled arguments to the program as they are, without a shell', async () => {
    const argv = fillCommand([...nodeApp('console.log(JSON.stringify(process.argv.slice(1)))'), '${text}', '--n=${n}'], { text: '$(echo hi); rm -rf ~ "*"', n: [1, 2] });
    const handle = await runs.launch({ argv, maxRunTimeMs: 10_000 });
    await waitForExit(handle);
    expect(JSON.parse(readFileSync(handle.stdoutPath, 'utf8'))).toEqual(['$(echo hi); rm -rf ~ "*"', '--n=1', '--n=2']);
  });

  it('reports a non-zero exit with its code', async () => {
    const handle = await runs.launch({ argv: nodeApp('process.exit(3)'), maxRunTimeMs: 10_000 });
    expect(await waitForExit(handle)).toMatchObject({ succeeded: false, exitCode: 3, signal: null, message: 'exited with code 3' });
  });

  it('reports an app killed by a signal', async () => {
    const handle = await runs.launch({ argv: nodeApp("process.kill(process.pid, 'SIGKILL')"), maxRunTimeMs: 10_000 });
    expect(await waitForExit(handle)).toMatchObject({ succeeded: false, exitCode: null, signal: 'SIGKILL', message: 'killed by signal SIGKILL' });
  });

  it('refuses a program that does not exist, with the reason', async () => {
    const workDir = runs.workDir();
    const launch = runs.launch({ workDir, argv: ['/no/such/program', 'x'], maxRunTimeMs: 10_000 });
    await expect(launch).rejects.toThrow(LocalLaunchError);
    await expect(launch).rejects.toMatchObject({ code: 'JOBFLOOR_EXECUTION_LAUNCH_FAILED', workDir });
    await expect(launch).rejects.toThrow(/^could not start the app: \/no\/such\/program: spawn \/no\/such\/program ENOENT; check the app's command/);
    // A worker resuming the job learns the same from the work directory.
    await expect(findLocalProcess(workDir)).rejects.toThrow(LocalLaunchError);
  });

  it('claims the work directory: a second launch is refused, and findLocalProcess returns the first', async () => {
    const workDir = runs.workDir();
    const handle = await runs.launch({ workDir, argv: nodeApp('setTimeout(() => {}, 300)'), maxRunTimeMs: 10_000 });

    const again = runs.launch({ workDir, argv: nodeApp(''), maxRunTimeMs: 10_000 });
    await expect(again).rejects.toThrow(LocalAlreadyLaunchedError);
    await expect(again).rejects.toMatchObject({ code: 'JOBFLOOR_EXECUTION_ALREADY_LAUNCHED' });
    expect(await findLocalProcess(workDir)).toEqual(handle);
    expect(await findLocalProcess(runs.workDir())).toBeUndefined();
  });

  it('gives a handle that survives JSON storage and is checked when read back', async () => {
    const handle = await runs.launch({ argv: nodeApp(''), maxRunTimeMs: 10_000 });
    expect(parseLocalProcessHandle(JSON.parse(JSON.stringify(handle)))).toEqual(handle);
    expect(() => parseLocalProcessHandle({ ...handle, pgid: 'x' })).toThrow(/^not a local process handle \(pgid: .*\); store the object launchLocalProcess\(\)/);
    expect(handle.exitRecordPath).toBe(path.join(handle.workDir, '.jobfloor', 'exit.json'));
  });
});
