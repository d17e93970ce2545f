import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath } from '../config/display-path.js';
import { zodIssuesToConfigurationIssues } from '../config/zod-issues.js';
import type { IssueCollector } from '../errors/configuration-issue.js';
import { flowGraphSchema, type FlowGraph } from './flow-graph-schema.js';

/**
 * Where an office finds its flow graphs: a `*.flow.json` file, a directory searched for them
 * (recursively), or a graph given in code with the name messages should use for it.
 */
export type FlowsSource = string | URL | { readonly file: string; readonly content: unknown };

/** A flow graph that passed the schema, with the file it came from. */
export interface LoadedFlowGraph {
  readonly file: string;
  readonly graph: FlowGraph;
}

const schemaFile = 'framework/schemas/flow.schema.json';

/** Reads and validates every flow graph of `sources`; problems go to `issues`. */
export function loadFlowGraphs(sources: readonly FlowsSource[], issues: IssueCollector): LoadedFlowGraph[] {
  const loaded: LoadedFlowGraph[] = [];
  for (const { file, content } of sources.flatMap((source) => readSource(source, issues))) {
    const parsed = flowGraphSchema.safeParse(content);
    if (parsed.success) loaded.push({ file, graph: parsed.data });
    else zodIssuesToConfigurationIssues(parsed.error, file, 'JOBFLOOR_FLOW_INVALID', schemaFile).forEach((i) => issues.add(i));
  }
  return loaded;
}

function readSource(source: FlowsSource, issues: IssueCollector): Array<{ file: string; content: unknown }> {
  if (typeof source === 'object' && !(source instanceof URL)) return [source];
  const absolute = source instanceof URL ? fileURLToPath(source) : path.resolve(source);
  const files = flowFilesAt(absolute, issues);
  return files.flatMap((file) => {
    const content = readJson(file, issues);
    return content === unreadable ? [] : [{ file: displayPath(file), content }];
  });
}

function flowFilesAt(absolute: string, issues: IssueCollector): string[] {
  try {
    if (!statSync(absolute).isDirectory()) return [absolute];
    return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.flow.json'))
      .sort()
      .map((name) => path.join(absolute, name));
  } catch (error) {
    issues.add(unreadableIssue(absolute, error));
    return [];
  }
}

const unreadable = Symbol('unreadable');

function readJson(file: string, issues: IssueCollector): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    issues.add(unreadableIssue(file, error));
    return unreadable;
  }
}

function unreadableIssue(file: string, error: unknown): Parameters<IssueCollector['add']>[0] {
  return {
    code: 'JOBFLOOR_FLOW_UNREADABLE',
    location: displayPath(file),
    message: `The flow graph cannot be read: ${(error as Error).message}`,
    fix: 'Check the path in defineOffice({ flows }) and that the file is valid JSON.',
  };
}
