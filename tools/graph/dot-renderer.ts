import { edgeText } from './diagram-text.js';
import { edgeStyles, legendKinds } from './edge-styles.js';
import type { DiagramNode, EdgeKind, FlowDiagram } from './flow-diagram.js';

/**
 * Renders a flow diagram in Graphviz DOT (`dot -Tpng`), with the same boxes, edge styles and
 * legend as the SVG; Graphviz lays it out itself.
 */
export function renderDot(diagram: FlowDiagram): string {
  const lines = [
    `// Flow ${diagram.flow}, drawn by jobfloor graph`,
    `digraph ${quote(diagram.flow)} {`,
    `  graph [rankdir=TB, fontname="Helvetica", label=${quote(`Flow ${diagram.flow}`)}, labelloc=t];`,
    '  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#57606a", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
    ...diagram.nodes.map((node) => `  ${quote(node.id)} [${nodeAttributes(node)}];`),
    ...diagram.edges.map((edge) => `  ${quote(edge.from)} -> ${quote(edge.to)} [${edgeAttributes(edge.kind, edgeText(edge))}];`),
    '  subgraph cluster_legend {',
    '    label="Legend"; style=dashed; color="#57606a";',
    '    node [shape=plaintext, style="", label=""];',
    ...legendKinds.map((kind) => `    ${quote(`legend ${kind} a`)} -> ${quote(`legend ${kind} b`)} [${edgeAttributes(kind, edgeStyles[kind].meaning)}];`),
    '  }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function nodeAttributes(node: DiagramNode): string {
  const label = `label=${quote(node.lines.join('\n'))}`;
  switch (node.kind) {
    case 'start':
      return 'shape=circle, label="", width=0.2, fillcolor="#24292f"';
    case 'subflow':
      return `${label}, peripheries=2, fillcolor="#ddf4ff"`;
    case 'any':
    case 'office':
    case 'entry':
      return `${label}, style="rounded,dashed", fillcolor="#ffffff"`;
    case 'job':
      return label;
  }
}

function edgeAttributes(kind: EdgeKind, text: string | undefined): string {
  const { color, dash, width } = edgeStyles[kind];
  const style = dash === undefined ? 'solid' : kind === 'spawn' ? 'dotted' : 'dashed';
  const label = text === undefined ? [] : [`label=${quote(text)}`];
  return [`color=${quote(color)}`, `fontcolor=${quote(color)}`, `style=${style}`, `penwidth=${width}`, ...label].join(', ');
}

/** A DOT string literal; `\n` in the text becomes a centred line break. */
function quote(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

