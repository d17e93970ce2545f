import type { Catalogue } from '../catalogue/catalogue-model.js';
import { renderDot } from './dot-renderer.js';
import { layOut } from './elk-layout.js';
import { flowDiagram } from './flow-diagram.js';
import { findFlow, officeTeams } from './flow-lookup.js';
import { renderMermaid } from './mermaid-renderer.js';
import { renderSvg } from './svg-renderer.js';

/** The picture formats `jobfloor graph` writes. */
export const graphFormats = ['svg', 'mermaid', 'dot'] as const;
export type GraphFormat = (typeof graphFormats)[number];

/** Draws the flow `nameOrFile` in `format`, its nodes labelled with the teams of `teams` (see officeTeams). */
export async function renderFlow(catalogue: Catalogue, nameOrFile: string, format: GraphFormat, teams: string | undefined): Promise<string> {
  const { loaded, office } = findFlow(nameOrFile, catalogue);
  const jobs = new Map((office?.jobs ?? []).map((job) => [job.name, job]));
  const diagram = flowDiagram(loaded.graph, { jobs, assignments: officeTeams(office, catalogue, teams), officeEscalations: office?.escalations ?? {} });
  switch (format) {
    case 'svg':
      return renderSvg(diagram.flow, await layOut(diagram));
    case 'mermaid':
      return renderMermaid(diagram);
    case 'dot':
      return renderDot(diagram);
  }
}
