import { edgeStyles, legendKinds } from './edge-styles.js';
import { textMetrics, textWidth } from './diagram-text.js';
import type { DiagramLayout, PlacedEdge, PlacedNode } from './elk-layout.js';
import type { EdgeKind } from './flow-diagram.js';

const legendRowHeight = 18;
const legendNotes = [
  'box: node name / job / team; team inherited: no rule names the job, so it runs on the team of the job before it',
  'double border: a sub-flow node; dashed box: any node of the flow (flow-level escalations)',
  '● start: where a run of the flow begins',
];

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
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="${textMetrics.fontSize}" role="img" aria-labelledby="title">`,
    `<title id="title">Flow ${escapeXml(flow)}, drawn by jobfloor graph</title>`,
    `<defs>${Object.keys(edgeStyles).map((kind) => marker(kind as EdgeKind)).join('')}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<g class="edges">`,
    ...layout.edges.map(renderEdge),
    '</g>',
    `<g class="nodes">`,
    ...layout.nodes.map(renderNode),
    '</g>',
    renderLegend(Math.ceil(layout.height)),
    '</svg>',
    '',
  ].join('\n');
}

function marker(kind: EdgeKind): string {
  const { color } = edgeStyles[kind];
  return `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;
}

function strokeAttributes(kind: EdgeKind): string {
  const { color, dash, width } = edgeStyles[kind];
  return `fill="none" stroke="${color}" stroke-width="${width}"${dash === undefined ? '' : ` stroke-dasharray="${dash}"`} marker-end="url(#arrow-${kind})"`;
}

function renderEdge({ edge, points, label }: PlacedEdge): string {
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)},${round(point.y)}`).join(' ');
  const text =
    label === undefined
      ? ''
      : `<rect x="${round(label.x - (label.text.length * textMetrics.charWidth) / 2 - 2)}" y="${round(label.y - 8)}" width="${round(label.text.length * textMetrics.charWidth + 4)}" height="16" fill="#ffffff" opacity="0.85"/>` +
        `<text x="${round(label.x)}" y="${round(label.y + 4)}" text-anchor="middle" fill="${edgeStyles[edge.kind].color}">${escapeXml(label.text)}</text>`;
  return `<g class="edge edge-${edge.kind}" data-kind="${edge.kind}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}"><path d="${path}" ${strokeAttributes(edge.kind)}/>${text}</g>`;
}

function renderNode(placed: PlacedNode): string {
  const { node, x, y, width, height } = placed;
  const attributes = `class="node node-${node.kind}" data-id="${escapeXml(node.id)}" data-node="${escapeXml(node.name)}"`;
  if (node.kind === 'start') {
    return `<g ${attributes}><circle cx="${round(x + width / 2)}" cy="${round(y + height / 2)}" r="${round(width / 2)}" fill="#24292f"/></g>`;
  }
  const box = `<rect x="${round(x)}" y="${round(y)}" width="${round(width)}" height="${round(height)}" rx="6" fill="${fill(node.kind)}" stroke="#57606a"${node.kind === 'any' ? ' stroke-dasharray="4 3"' : ''}/>`;
  const inner = node.kind === 'subflow' ? `<rect x="${round(x + 3)}" y="${round(y + 3)}" width="${round(width - 6)}" height="${round(height - 6)}" rx="4" fill="none" stroke="#57606a"/>` : '';
  const lines = node.lines.map((line, index) => {
    const weight = index === 0 && node.kind !== 'entry' && node.kind !== 'any' ? ' font-weight="bold"' : '';
    const color = index === 2 ? ' fill="#57606a"' : ' fill="#24292f"';
    return `<text x="${round(x + width / 2)}" y="${round(y + textMetrics.padding / 2 + textMetrics.lineHeight * (index + 0.75))}" text-anchor="middle"${weight}${color}>${escapeXml(line)}</text>`;
  });
  return `<g ${attributes}>${box}${inner}${lines.join('')}</g>`;
}

function fill(kind: string): string {
  return kind === 'subflow' ? '#ddf4ff' : kind === 'any' || kind === 'entry' ? '#ffffff' : '#f6f8fa';
}

function renderLegend(top: number): string {
  const rows = legendKinds.map((kind, index) => {
    const y = top + 16 + index * legendRowHeight;
    return `<g class="legend-${kind}"><path d="M16,${y} L64,${y}" ${strokeAttributes(kind)}/><text x="74" y="${y + 4}" fill="#24292f">${escapeXml(edgeStyles[kind].meaning)}</text></g>`;
  });
  const notes = legendNotes.map((note, index) => {
    const y = top + 16 + (legendKinds.length + index) * legendRowHeight;
    return `<text x="16" y="${y + 4}" fill="#57606a">${escapeXml(note)}</text>`;
  });
  return `<g class="legend"><text x="16" y="${top + 2}" font-weight="bold" fill="#24292f">Legend</text>${[...rows, ...notes].join('')}</g>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Escapes text and attribute values for XML. */
export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}
