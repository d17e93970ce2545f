import { textMetrics, textWidth } from './diagram-text.js';
import { edgeStyles, legendKinds } from './edge-styles.js';
import type { DiagramLayout, PlacedEdge, PlacedNode } from './elk-layout.js';
import type { EdgeKind } from './flow-diagram.js';
import { element, text, type XmlAttributes } from './xml-element.js';

const legendRowHeight = 18;
const legendNotes = [
  'box: node name / job / team; team inherited: no rule names the job, so it runs on the team of the job before it',
  'double border: a sub-flow node; dashed box: any node of the flow, or the office (their escalation handlers)',
  '● start: where a run of the flow begins',
];
const ink = '#24292f';
const muted = '#57606a';

/**
 * Renders a laid-out flow diagram as a standalone SVG document: boxes for nodes (a sub-flow node
 * has a double border), one line style per edge kind with its label, the start marked, and a
 * legend below. Every node and edge carries `data-` attributes naming it, for tools and tests.
 */
export function renderSvg(flow: string, layout: DiagramLayout): string {
  const legendHeight = (legendKinds.length + legendNotes.length) * legendRowHeight + 24;
  const legendWidth = Math.max(...legendKinds.map((kind) => 74 + textWidth(edgeStyles[kind].meaning)), ...legendNotes.map((note) => 16 + textWidth(note))) + 16;
  const width = Math.max(Math.ceil(layout.width), legendWidth);
  const height = Math.ceil(layout.height) + legendHeight;
  const svg = element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      'font-family': 'Helvetica, Arial, sans-serif',
      'font-size': textMetrics.fontSize,
      role: 'img',
      'aria-labelledby': 'title',
    },
    '\n',
    element('title', { id: 'title' }, text(`Flow ${flow}, drawn by jobfloor graph`)),
    '\n',
    element('defs', {}, ...Object.keys(edgeStyles).map((kind) => marker(kind as EdgeKind))),
    '\n',
    element('rect', { width, height, fill: '#ffffff' }),
    '\n',
    element('g', { class: 'edges' }, '\n', ...layout.edges.map((edge) => `${renderEdge(edge)}\n`)),
    '\n',
    element('g', { class: 'nodes' }, '\n', ...layout.nodes.map((node) => `${renderNode(node)}\n`)),
    '\n',
    renderLegend(Math.ceil(layout.height)),
    '\n',
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}

function marker(kind: EdgeKind): string {
  const attributes = { id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 10, markerHeight: 10 };
  return element('marker', { ...attributes, orient: 'auto-start-reverse' }, element('path', { d: 'M0,0 L10,5 L0,10 z', fill: edgeStyles[kind].color }));
}

/** The stroke of an edge kind: its colour, width, dashes and arrow head. */
function stroke(kind: EdgeKind): XmlAttributes {
  const { color, dash, width } = edgeStyles[kind];
  return { fill: 'none', stroke: color, 'stroke-width': width, 'stroke-dasharray': dash, 'marker-end': `url(#arrow-${kind})` };
}

function renderEdge({ edge, points, label }: PlacedEdge): string {
  const d = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)},${round(point.y)}`).join(' ');
  const labelled = label === undefined ? [] : edgeLabel(label, edgeStyles[edge.kind].color);
  const attributes = { class: `edge edge-${edge.kind}`, 'data-kind': edge.kind, 'data-from': edge.from, 'data-to': edge.to };
  return element('g', attributes, element('path', { d, ...stroke(edge.kind) }), ...labelled);
}

/** A label on a white patch, so that lines crossing it do not hide it. */
function edgeLabel(label: NonNullable<PlacedEdge['label']>, color: string): string[] {
  const width = label.text.length * textMetrics.charWidth + 4;
  return [
    element('rect', { x: round(label.x - width / 2), y: round(label.y - 8), width: round(width), height: 16, fill: '#ffffff', opacity: 0.85 }),
    element('text', { x: round(label.x), y: round(label.y + 4), 'text-anchor': 'middle', fill: color }, text(label.text)),
  ];
}

function renderNode(placed: PlacedNode): string {
  const { node, x, y, width, height } = placed;
  const attributes = { class: `node node-${node.kind}`, 'data-id': node.id, 'data-node': node.name };
  if (node.kind === 'start') {
    return element('g', attributes, element('circle', { cx: round(x + width / 2), cy: round(y + height / 2), r: round(width / 2), fill: ink }));
  }
  const dash = node.kind === 'any' || node.kind === 'office' ? '4 3' : undefined;
  const box = element('rect', { ...rectangle(x, y, width, height), rx: 6, fill: fill(node.kind), stroke: muted, 'stroke-dasharray': dash });
  // A sub-flow node has a double border.
  const inner = node.kind === 'subflow' ? [element('rect', { ...rectangle(x + 3, y + 3, width - 6, height - 6), rx: 4, fill: 'none', stroke: muted })] : [];
  const lines = node.lines.map((line, index) => {
    const baseline = y + textMetrics.padding / 2 + textMetrics.lineHeight * (index + 0.75);
    const bold = index === 0 && (node.kind === 'job' || node.kind === 'subflow') ? 'bold' : undefined;
    const attributes = { x: round(x + width / 2), y: round(baseline), 'text-anchor': 'middle', 'font-weight': bold, fill: index === 2 ? muted : ink };
    return element('text', attributes, text(line));
  });
  return element('g', attributes, box, ...inner, ...lines);
}

function rectangle(x: number, y: number, width: number, height: number): XmlAttributes {
  return { x: round(x), y: round(y), width: round(width), height: round(height) };
}

function fill(kind: string): string {
  return kind === 'subflow' ? '#ddf4ff' : kind === 'job' ? '#f6f8fa' : '#ffffff';
}

function renderLegend(top: number): string {
  const rowY = (row: number): number => top + 16 + row * legendRowHeight;
  const rows = legendKinds.map((kind, row) =>
    element(
      'g',
      { class: `legend-${kind}` },
      element('path', { d: `M16,${rowY(row)} L64,${rowY(row)}`, ...stroke(kind) }),
      element('text', { x: 74, y: rowY(row) + 4, fill: ink }, text(edgeStyles[kind].meaning)),
    ),
  );
  const notes = legendNotes.map((note, index) => element('text', { x: 16, y: rowY(legendKinds.length + index) + 4, fill: muted }, text(note)));
  return element('g', { class: 'legend' }, element('text', { x: 16, y: top + 2, 'font-weight': 'bold', fill: ink }, 'Legend'), ...rows, ...notes);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
