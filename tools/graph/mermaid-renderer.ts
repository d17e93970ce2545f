import { edgeText } from './diagram-text.js';
import { edgeStyles, legendKinds } from './edge-styles.js';
import type { DiagramEdge, DiagramNode, EdgeKind, FlowDiagram } from './flow-diagram.js';

/** Mermaid draws dotted and thick lines; colours and dashes come from `linkStyle`. */
const arrows: Readonly<Record<EdgeKind, string>> = { next: '-->', goto: '-.->', call: '==>', spawn: '-.->', escalation: '-.->', start: '-->' };

/**
 * Renders a flow diagram as a Mermaid flowchart (for Markdown that renders Mermaid, such as
 * GitHub's): the same boxes, edge styles and legend as the SVG; Mermaid lays it out itself.
 */
export function renderMermaid(diagram: FlowDiagram): string {
  const ids = new Map(diagram.nodes.map((node, index) => [node.id, `n${index}`]));
  const edges = [...diagram.edges, ...legendEdges()];
  const lines = [
    `%% Flow ${diagram.flow}, drawn by jobfloor graph`,
    'flowchart TD',
    ...diagram.nodes.map((node) => `  ${ids.get(node.id)}${shape(node)}`),
    ...diagram.edges.map((edge) => `  ${ids.get(edge.from)} ${arrow(edge)} ${ids.get(edge.to)}`),
    '  subgraph legend [Legend]',
    '    direction LR',
    ...legendKinds.map((kind) => `    legend_${kind}_from[ ] ${arrows[kind]}|"${escapeMermaid(edgeStyles[kind].meaning)}"| legend_${kind}_to[ ]`),
    '  end',
    ...edges.map((edge, index) => `  linkStyle ${index} ${linkStyle(edge.kind)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function shape(node: DiagramNode): string {
  const text = escapeMermaid(node.lines.join('<br/>'));
  switch (node.kind) {
    case 'start':
      return '(( ))';
    case 'subflow':
      return `[["${text}"]]`;
    case 'any':
    case 'office':
    case 'entry':
      return `(["${text}"])`;
    case 'job':
      return `["${text}"]`;
  }
}

function arrow(edge: DiagramEdge): string {
  const text = edgeText(edge);
  return text === undefined ? arrows[edge.kind] : `${arrows[edge.kind]}|"${escapeMermaid(text)}"|`;
}

function linkStyle(kind: EdgeKind): string {
  const { color, dash, width } = edgeStyles[kind];
  return `stroke:${color},stroke-width:${width}px${dash === undefined ? '' : `,stroke-dasharray:${dash}`},color:${color}`;
}

function legendEdges(): Array<{ kind: EdgeKind }> {
  return legendKinds.map((kind) => ({ kind }));
}

/** Mermaid's entity codes for the characters that would end a quoted label. */
function escapeMermaid(text: string): string {
  return text.replaceAll('"', '#quot;');
}
