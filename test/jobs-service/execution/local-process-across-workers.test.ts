/**
 * What survives the worker: a run launched by a process that then exits goes on, and another
 * process follows it from the handle alone (files and the operating system, no memory shared).
 * The other processes import a compiled copy of the module, as a worker would from dist/.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inspectLocalProcess, killLocalProcess, parseLocalProcessHandle, type LocalProcessHandle, type LocalProcessStatus } from '../../../jobs-service/execution/index.js';
import { waitUntil } from '../../../jobs-service/execution/wait-until.js';
import { nodeApp, processGone, processGroupGone, useLocalRuns, waitForExit } from './local-runs.js';

const runs = useLocalRuns();
/**
 * Runs `script` (an ES module body) in a new Node process; process.argv[1] is the URL of the
 * compiled module (useLocalRuns sets it up), `args` follow. Resolves with its stdout.
 */
async function inAnotherProcess(script: string, ...args: string[]): Promise<string> {
  const compiledModule = pathToFileURL(path.resolve(process.env['JOBFLOOR_COMPILED_DIR']!, 'jobs-service/execution/index.js')).href;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, compiledModule, ...args]);
  return stdout;
}

const LAUNCH_AND_EXIT = `
  const { launchLocalProcess } = await import(process.argv[1]);
  const handle = await launchLocalProcess({ workDir: process.argv[2], argv: JSON.parse(process.argv[3]), maxRunTimeMs: 60000 });
  process.stdout.write(JSON.stringify(handle));
  process.exit(0);`;

const INSPECT = `
  const { inspectLocalProcess } = await import(process.argv[1]);
  process.stdout.write(JSON.stringify(await inspectLocalProcess(JSON.parse(process.argv[2]))));`;

async function inspectElsewhere(handle: LocalProcessHandle): Promise<LocalProcessStatus> {
  return JSON.parse(await inAnotherProcess(INSPECT, JSON.stringify(handle))) as LocalProcessStatus;
}

describe('a local run across workers', () => {
  it('outlives the worker that launched it, and another process sees it finish', async () => {
    const app = nodeApp("setTimeout(() => console.log('finished after the worker left'), 1500)");
    const handle = parseLocalProcessHandle(JSON.parse(await inAnotherProcess(LAUNCH_AND_EXIT, runs.workDir(), JSON.stringify(app))));
    runs.track(handle);

    // The launching worker has exited; the app has not.
    expect(await inspectLocalProcess(handle)).toEqual({ state: 'running', startedAt: handle.startedAt, supervised: true });
    expect(await waitForExit(handle)).toMatchObject({ succeeded: true, message: 'exited with code 0' });
    expect(readFileSync(handle.stdoutPath, 'utf8')).toBe('finished after the worker left\n');
  });

  it('is inspected by a process that never saw the launch', async () => {
    const handle = await runs.launch({ argv: nodeApp("setTimeout(() => process.exit(4), 1000)"), maxRunTimeMs: 60_000 });
    expect(await inspectElsewhere(handle)).toEqual({ state: 'running', startedAt: handle.startedAt, supervised: true });
    await waitForExit(handle);
    expect(await inspectElsewhere(handle)).toMatchObject({ state: 'exited', exitCode: 4, message: 'exited with code 4' });
  });

  it('is cancelled by a process that never saw the launch', async () => {
    const handle = await runs.launch({ argv: nodeApp('setInterval(() => {}, 1000)'), maxRunTimeMs: 60_000 });
    const script = `const { killLocalProcess } = await import(process.argv[1]); await killLocalProcess(JSON.parse(process.argv[2]), { graceMs: 500 });`;
    await inAnotherProcess(script, JSON.stringify(handle));
    expect(await processGroupGone(handle.pgid)).toBe(true);
    expect(await inspectLocalProcess(handle)).toMatchObject({ state: 'exited', cancelled: true });
  });
});

describe('a lost local run', () => {
  it('is lost when the launcher and the app were killed without a record', async () => {
    const handle = await runs.launch({ argv: nodeApp('setInterval(() => {}, 1000)'), maxRunTimeMs: 60_000 });
    process.kill(handle.launcherPid, 'SIGKILL');
    process.kill(-handle.pgid, 'SIGKILL');
    expect(await waitUntil(() => processGroupGone(handle.pgid), 5_000)).toBe(true);

    expect(await inspectLocalProcess(handle)).toEqual({
      state: 'lost',
      reason: `process group ${handle.pgid} and its launcher (pid ${handle.launcherPid}) are gone and no exit record was written (killed with SIGKILL, or the host restarted); the app may not have finished`,
    });
  });

  it('still runs, and can be cancelled, when only its launcher died', async () => {
    const handle = await runs.launch({ argv: nodeApp('setInterval(() => {}, 1000)'), maxRunTimeMs: 60_000 });
    process.kill(handle.launcherPid, 'SIGKILL');
    expect(await waitUntil(() => processGone(handle.launcherPid), 5_000)).toBe(true);
    expect(await inspectLocalProcess(handle)).toEqual({ state: 'running', startedAt: handle.startedAt, supervised: false });
    await killLocalProcess(handle, { graceMs: 500 });
    expect(await processGroupGone(handle.pgid)).toBe(true);
    expect(await inspectLocalProcess(handle)).toMatchObject({ state: 'lost' });
  });

  it('is lost after a reboot, and its old group id is never signalled', async () => {
    const handle = await runs.launch({ argv: nodeApp('setInterval(() => {}, 1000)'), maxRunTimeMs: 60_000 });
    if (handle.bootId === null) return; // no boot id on this platform
    const beforeReboot = { ...handle, bootId: 'another-boot' };
    expect(await inspectLocalProcess(beforeReboot)).toEqual({
      state: 'lost',
      reason: `the host restarted after the app started at ${handle.startedAt}, and no exit record was written; the app did not finish`,
    });
    await killLocalProcess(beforeReboot, { graceMs: 100 });
    expect(await inspectLocalProcess(handle)).toMatchObject({ state: 'running', supervised: true });
  });
});
