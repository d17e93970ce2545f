/** The lastStatusMessage line of a local run's end, and maxRunTime written as seed 002 does. */
import { describe, expect, it } from 'vitest';
import { describeExit, formatRunTime, type ExitRecord } from '../../../jobs-service/execution/index.js';

const ended: ExitRecord = {
  exitCode: 0,
  signal: null,
  timedOut: false,
  cancelled: false,
  maxRunTimeMs: 2_000,
  startedAt: '2025-01-01T00:00:00.000Z',
  endedAt: '2025-01-01T00:00:01.000Z',
};

describe('describeExit', () => {
  it('says how the run ended, a cancel or a timeout before the signal they sent', () => {
    expect(describeExit(ended)).toBe('exited with code 0');
    expect(describeExit({ ...ended, exitCode: 3 })).toBe('exited with code 3');
    expect(describeExit({ ...ended, exitCode: null, signal: 'SIGSEGV' })).toBe('killed by signal SIGSEGV');
    expect(describeExit({ ...ended, exitCode: null, signal: 'SIGTERM', timedOut: true })).toBe('killed after exceeding maxRunTime 00:00:02');
    expect(describeExit({ ...ended, exitCode: null, signal: 'SIGKILL', cancelled: true })).toBe('cancelled: the process group was stopped (SIGKILL)');
    expect(describeExit({ ...ended, exitCode: null, startedAt: null, launchError: 'x: spawn x ENOENT' })).toBe('could not be started: x: spawn x ENOENT');
  });
});

describe('formatRunTime', () => {
  it('writes HH:mm:ss, with hours past 24 and milliseconds only when there are some', () => {
    expect(formatRunTime(2_000)).toBe('00:00:02');
    expect(formatRunTime(90_061_000)).toBe('25:01:01');
    expect(formatRunTime(1_500)).toBe('00:00:01.500');
  });
});
