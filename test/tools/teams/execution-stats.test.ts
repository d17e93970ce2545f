/** Reading exported job execution records for `jobfloor teams --stats`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExecutionStats } from '../../../tools/teams/execution-stats.js';

const directory = mkdtempSync(path.join(tmpdir(), 'jobfloor-stats-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function statsFile(name: string, content: string): string {
  const file = path.join(directory, name);
  writeFileSync(file, content);
  return file;
}

const record = (job: string, runTimeMs: number, cpuTimeMs?: number, team = 'inline'): object => ({ job, team, runTimeMs, ...(cpuTimeMs !== undefined && { cpuTimeMs }) });

describe('job execution statistics', () => {
  it('reads one record per line and sums up each job: runs, medians, CPU share, teams', () => {
    const lines = [record('A.a', 10, 8), record('A.a', 30, 24), record('A.a', 20), record('B.b', 1, undefined, 'cpu')];
    const stats = readExecutionStats(statsFile('lines.jsonl', lines.map((line) => JSON.stringify(line)).join('\n') + '\n'));
    expect(stats.get('A.a')).toEqual({ job: 'A.a', runs: 3, medianRunMs: 20, medianCpuMs: 16, cpuShare: 0.8, teams: ['inline'] });
    expect(stats.get('B.b')).toEqual({ job: 'B.b', runs: 1, medianRunMs: 1, medianCpuMs: undefined, cpuShare: undefined, teams: ['cpu'] });
  });

  it("reads a JSON array, and office.trace()'s { records }", () => {
    expect(readExecutionStats(statsFile('array.json', JSON.stringify([record('A.a', 4, 1)]))).get('A.a')!.runs).toBe(1);
    expect(readExecutionStats(statsFile('trace.json', JSON.stringify({ outcome: 'completed', records: [record('A.a', 4), record('A.a', 6)] }))).get('A.a')!.medianRunMs).toBe(5);
  });

  it('names the line of a record that is not one', () => {
    const file = statsFile('bad.jsonl', `${JSON.stringify(record('A.a', 1))}\n{"job":"A.a","team":"inline"}\n`);
    expect(() => readExecutionStats(file)).toThrow(`${file}:2: not a job execution record (runTimeMs: Invalid input: expected number, received undefined). Export the office's records: see docs/tools.md.`);
    const notJson = statsFile('bad.json', '[{"job": ');
    expect(() => readExecutionStats(notJson)).toThrow(`${notJson}: not JSON`);
  });
});
