/**
 * Stopping `local` runs: maxRunTime enforced by the launcher, and cancel through
 * killLocalProcess; in both, the whole process group goes, grandchildren included.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectLocalProcess, killLocalProcess } from '../../../jobs-service/execution/index.js';
import { waitUntil } from '../../../jobs-service/execution/wait-until.js';
import { nodeApp, processGone, processGroupGone, useLocalRuns, waitForExit, waitForFile } from './local-runs.js';

const runs = useLocalRuns();

// An app that starts a grandchild in its group, writes the grandchild's pid to grandchild.pid, and waits forever.
const WITH_GRANDCHILD = nodeApp(`
  const child = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  require('node:fs').writeFileSync('grandchild.pid', String(child.pid));
  setInterval(() => {}, 1000);`);

describe('maxRunTime', () => {
  it('stops the process group of an app that runs too long, and says so', async () => {
    const handle = await runs.launch({ argv: nodeApp('setInterval(() => {}, 1000)'), maxRunTimeMs: 1_000, graceMs: 200 });
    const status = await waitForExit(handle);
    expect(status).toMatchObject({ succeeded: false, timedOut: true, cancelled: false, signal: 'SIGTERM', message: 'killed after exceeding maxRunTime 00:00:01' });
    expect(() => process.kill(-handle.pgid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  });

  it('sends SIGKILL after the grace period to an app that ignores SIGTERM', async () => {
    const handle = await runs.launch({ argv: nodeApp("process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"), maxRunTimeMs: 1_000, graceMs: 300 });
    expect(await waitForExit(handle)).toMatchObject({ timedOut: true, signal: 'SIGKILL', message: 'killed after exceeding maxRunTime 00:00:01' });
    expect(await processGroupGone(handle.pgid)).toBe(true);
  });
});

describe('killLocalProcess', () => {
  it('stops the app and its grandchild, records the cancel, and does nothing the second time', async () => {
    const handle = await runs.launch({ argv: WITH_GRANDCHILD, maxRunTimeMs: 60_000 });
    const grandchild = Number(await waitForFile(path.join(handle.workDir, 'grandchild.pid')));
    expect(await inspectLocalProcess(handle)).toEqual({ state: 'running', startedAt: handle.startedAt, supervised: true });

    await killLocalProcess(handle, { graceMs: 1_000 });

    expect(await processGroupGone(handle.pgid)).toBe(true);
    expect(processGone(grandchild)).toBe(true);
    expect(await inspectLocalProcess(handle)).toMatchObject({ state: 'exited', succeeded: false, cancelled: true, signal: 'SIGTERM', message: 'cancelled: the process group was stopped (SIGTERM)' });
    await killLocalProcess(handle);
    expect(await inspectLocalProcess(handle)).toMatchObject({ cancelled: true });
  });

  it('stops a run whose work directory was already removed', async () => {
    const handle = await runs.launch({ argv: nodeApp('setInterval(() => {}, 1000)'), maxRunTimeMs: 60_000 });
    rmSync(handle.workDir, { recursive: true, force: true });
    await killLocalProcess(handle, { graceMs: 500 });
    expect(await processGroupGone(handle.pgid)).toBe(true);
  });

  it('leaves a run that has ended as it was', async () => {
    const handle = await runs.launch({ argv: nodeApp('process.exit(0)'), maxRunTimeMs: 10_000 });
    await waitForExit(handle);
    await killLocalProcess(handle);
    expect(await inspectLocalProcess(handle)).toMatchObject({ succeeded: true, cancelled: false, message: 'exited with code 0' });
  });
});

describe('the end of the app', () => {
  it('stops what the app left running in its group when it exits', async () => {
    const app = nodeApp(`
      const child = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync('grandchild.pid', String(child.pid));
      child.unref();`);
    const handle = await runs.launch({ argv: app, maxRunTimeMs: 60_000, graceMs: 200 });
    const status = await waitForExit(handle);
    expect(status).toMatchObject({ succeeded: true, exitCode: 0 });
    expect(processGone(Number(readFileSync(path.join(handle.workDir, 'grandchild.pid'), 'utf8')))).toBe(true);
    expect(await waitUntil(() => processGroupGone(handle.pgid), 1_000)).toBe(true);
  });
});
