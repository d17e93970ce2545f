import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IssueCollector } from '../../../framework/errors/configuration-issue.js';
import { loadFlowGraphs } from '../../../framework/flows/flow-files.js';

const directory = mkdtempSync(path.join(tmpdir(), 'jobfloor-flows-'));
afterAll(() => rmSync(directory, { recursive: true }));

function write(relative: string, content: string): string {
  const file = path.join(directory, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

const graph = (name: string) => JSON.stringify({ name, start: 'a', nodes: { a: { job: 'X.a' } } });

describe('reading flow files', () => {
  it('reads every *.flow.json under a directory, recursively and in order, and nothing else', () => {
    write('b.flow.json', graph('b'));
    write('nested/a.flow.json', graph('a'));
    write('notes.json', '{}');
    const issues = new IssueCollector();
    const loaded = loadFlowGraphs([directory], issues);
    expect(issues.issues).toEqual([]);
    expect(loaded.map((l) => l.graph.name)).toEqual(['b', 'a']);
    expect(loaded[0]?.file).toBe(path.join(directory, 'b.flow.json'));
  });

  it('reads a single file given by path or URL', () => {
    const file = write('single/c.flow.json', graph('c'));
    const issues = new IssueCollector();
    expect(loadFlowGraphs([file, new URL(`file://${file}`)], issues).map((l) => l.graph.name)).toEqual(['c', 'c']);
  });

  it('reports a file that is not JSON, and a path that does not exist', () => {
    const broken = write('broken/d.flow.json', '{ "name": ');
    const issues = new IssueCollector();
    loadFlowGraphs([broken, path.join(directory, 'missing')], issues);
    expect(issues.issues.map((i) => [i.code, i.location])).toEqual([
      ['JOBFLOOR_FLOW_UNREADABLE', broken],
      ['JOBFLOOR_FLOW_UNREADABLE', path.join(directory, 'missing')],
    ]);
    expect(issues.issues[0]?.message).toMatch(/^The flow graph cannot be read: .*JSON/);
  });
});
