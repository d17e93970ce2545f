import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IssueCollector } from '../../framework/errors/configuration-issue.js';
import { loadFlowGraphs, type FlowsSource, type LoadedFlowGraph } from '../../framework/flows/flow-files.js';
import type { CatalogueOffice } from '../catalogue/catalogue-model.js';

/** The flow graphs each office is checked with. */
export interface FlowSelection {
  readonly byOffice: ReadonlyMap<CatalogueOffice, readonly LoadedFlowGraph[]>;
  /** Graphs that no office has a job of: compiled with every office's jobs, so that their unknown jobs are reported. */
  readonly orphans: readonly LoadedFlowGraph[];
  /** How files that no office names were placed. */
  readonly notes: readonly string[];
}

/**
 * Decides which flow files each office is checked with. Without `--flows`, an office checks the
 * flows its definition names, and every `*.flow.json` under the project's `flows/` folder is
 * checked too. With `--flows DIR`, the files of DIR replace the offices' file sources. A file is
 * checked with the offices that name it (the file or a folder holding it); a file no office names
 * goes to the office that has the most of its jobs (or to the only office). Graphs given in code
 * stay with their office.
 */
export function selectFlows(offices: readonly CatalogueOffice[], flowsOption: readonly string[], root: string, issues: IssueCollector): FlowSelection {
  const explicit = flowsOption.length > 0;
  const defaultFolder = path.join(root, 'flows');
  const folders = explicit ? flowsOption.map((dir) => path.resolve(dir)) : existsSync(defaultFolder) ? [defaultFolder] : [];
  const fileSources = explicit ? [] : offices.flatMap((office) => office.flows.filter((source) => typeof source === 'string'));
  const files = loadFiles([...folders, ...fileSources], issues);
  const byOffice = new Map<CatalogueOffice, LoadedFlowGraph[]>();
  const orphans: LoadedFlowGraph[] = [];
  const notes: string[] = [];
  for (const graph of files) {
    const owners = offices.filter((office) => names(office, graph.file));
    const chosen = owners.length > 0 ? owners : officeWithItsJobs(offices, graph);
    if (chosen.length === 0) orphans.push(graph);
    // Files given with --flows are expected to be named by no office; the note is for the default set.
    if (!explicit && owners.length === 0 && chosen[0] !== undefined) {
      notes.push(`${graph.file} is named by no defineOffice({ flows }); it was checked with ${chosen[0].label}, the office with its jobs.`);
    }
    for (const office of chosen) byOffice.set(office, [...(byOffice.get(office) ?? []), graph]);
  }
  for (const office of offices) addInCodeGraphs(office, byOffice, explicit, issues);
  return { byOffice, orphans, notes };
}

/** Loads the files of every source, each file once, in a stable order. */
function loadFiles(sources: readonly string[], issues: IssueCollector): LoadedFlowGraph[] {
  const byFile = new Map<string, LoadedFlowGraph>();
  for (const source of new Set(sources)) {
    for (const graph of loadFlowGraphs([source], issues)) {
      const absolute = path.resolve(graph.file);
      if (!byFile.has(absolute)) byFile.set(absolute, graph);
    }
  }
  return [...byFile.values()];
}

/** True when an office's flow sources hold `file`: the file itself, or a folder above it. */
function names(office: CatalogueOffice, file: string): boolean {
  const absolute = path.resolve(file);
  return office.flows.some((source) => typeof source === 'string' && (absolute === source || absolute.startsWith(source + path.sep)));
}

/** The office with the most of the graph's jobs; the only office if there is one; else none. */
function officeWithItsJobs(offices: readonly CatalogueOffice[], loaded: LoadedFlowGraph): CatalogueOffice[] {
  if (offices.length === 1) return [...offices];
  const jobNames = Object.values(loaded.graph.nodes).flatMap((node) => (node.job === undefined ? [] : [node.job]));
  let best: CatalogueOffice | undefined;
  let bestCount = 0;
  for (const office of offices) {
    const count = jobNames.filter((name) => office.jobs.some((job) => job.name === name)).length;
    if (count > bestCount) [best, bestCount] = [office, count];
  }
  return best === undefined ? [] : [best];
}

/** Graphs written in code belong to their office; with `--flows`, only offices already checked keep them. */
function addInCodeGraphs(office: CatalogueOffice, byOffice: Map<CatalogueOffice, LoadedFlowGraph[]>, explicit: boolean, issues: IssueCollector): void {
  const inCode = office.flows.filter((source): source is Exclude<FlowsSource, string | URL> => typeof source === 'object' && !(source instanceof URL));
  if (inCode.length === 0 || (explicit && !byOffice.has(office))) return;
  byOffice.set(office, [...(byOffice.get(office) ?? []), ...loadFlowGraphs(inCode, issues)]);
}
