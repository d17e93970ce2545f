import { existsSync } from 'node:fs';
import { didYouMean } from '../../framework/config/suggest.js';
import { formatIssue, IssueCollector } from '../../framework/errors/configuration-issue.js';
import type { LoadedFlowGraph } from '../../framework/flows/flow-files.js';
import type { TeamAssignment } from '../../framework/teams/team-assignment.js';
import type { Catalogue, CatalogueOffice } from '../catalogue/catalogue-model.js';
import { selectFlows } from '../check/flow-selection.js';
import { assignOfficeTeams } from '../check/team-rules.js';
import { pairTeams } from '../check/teams-selection.js';

/** A flow graph to draw, with the office it belongs to. */
export interface FlowToDraw {
  readonly loaded: LoadedFlowGraph;
  readonly office: CatalogueOffice | undefined;
}

/**
 * Finds a flow by the name in its `"name"` field, among the flows `jobfloor check` looks at (the
 * offices' own and the project's flows/ folder), or by the path of its file. The office is the
 * one the check would check it with.
 */
export function findFlow(nameOrFile: string, catalogue: Catalogue): FlowToDraw {
  const issues = new IssueCollector();
  const isFile = nameOrFile.endsWith('.json') || existsSync(nameOrFile);
  const selection = selectFlows(catalogue.offices, isFile ? [nameOrFile] : [], catalogue.root, issues);
  const candidates = [...selection.byOffice].flatMap(([office, graphs]) => graphs.map((loaded) => ({ loaded, office: office as CatalogueOffice | undefined })));
  const all = [...candidates, ...selection.orphans.map((loaded) => ({ loaded, office: undefined }))];
  const found = isFile ? all[0] : all.find((candidate) => candidate.loaded.graph.name === nameOrFile);
  if (found !== undefined) return found;
  const reasons = issues.issues.map(formatIssue).join('\n');
  if (isFile) throw new Error(`${nameOrFile} holds no flow graph that can be drawn.${reasons === '' ? '' : `\n${reasons}`}`);
  const names = [...new Set(all.map((candidate) => candidate.loaded.graph.name))];
  throw new Error(
    `There is no flow named '${nameOrFile}'.${didYouMean(nameOrFile, names)} The flows are: ${names.join(', ') || '(none)'}. ` +
      'Name a flow, or give the path of its .flow.json file.',
  );
}

/** The team of each job of the office under the teams file `jobfloor check` would use with it. */
export function officeTeams(
  office: CatalogueOffice | undefined,
  catalogue: Catalogue,
  teamsOption: string | undefined,
): ReadonlyMap<string, TeamAssignment> | undefined {
  if (office === undefined) return undefined;
  const issues = new IssueCollector();
  const pairing = pairTeams([office], teamsOption, catalogue.root, issues).find((candidate) => candidate.offices.includes(office));
  return pairing?.loaded === undefined ? undefined : assignOfficeTeams(pairing.loaded, office, issues);
}
