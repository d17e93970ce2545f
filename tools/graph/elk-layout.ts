import elk from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPoint } from 'elkjs/lib/elk-api.js';
import { edgeText, textMetrics, textWidth } from './diagram-text.js';
import type { DiagramEdge, DiagramNode, FlowDiagram } from './flow-diagram.js';

/** A box placed by the layout. */
export interface PlacedNode {
  readonly node: DiagramNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An edge routed by the layout: its points from source to target, and where its label sits. */
export interface PlacedEdge {
  readonly edge: DiagramEdge;
  readonly points: readonly ElkPoint[];
  readonly label: { readonly text: string; readonly x: number; readonly y: number } | undefined;
}

export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

// ELK's layered algorithm suits flows: ranks follow the direction of next, edges are routed
// orthogonally around boxes, and labels get room of their own. elk.bundled runs without workers.
const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
};

/** Lays a diagram out with elkjs (no browser needed) and returns every box and edge placed. */
export async function layOut(diagram: FlowDiagram): Promise<DiagramLayout> {
  const graph: ElkNode = {
    id: 'root',
    layoutOptions,
    children: diagram.nodes.map((node) => ({ id: node.id, ...nodeSize(node) })),
    edges: diagram.edges.map(elkEdge),
  };
  // elkjs is CommonJS: under NodeNext its default export is the module, whose `default` is the class.
  const laid = await new elk.default().layout(graph);
  const placedNodes = (laid.children ?? []).map((child) => ({
    node: diagram.nodes.find((node) => node.id === child.id)!,
    x: child.x ?? 0,
    y: child.y ?? 0,
    width: child.width ?? 0,
    height: child.height ?? 0,
  }));
  const placedEdges = (laid.edges ?? []).map((routed) => placeEdge(routed, diagram.edges.find((edge) => edge.id === routed.id)!));
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes: placedNodes, edges: placedEdges };
}

/** Markers are small; a node's box fits its longest line. */
function nodeSize(node: DiagramNode): { width: number; height: number } {
  if (node.kind === 'start') return { width: 18, height: 18 };
  const width = Math.max(...node.lines.map(textWidth)) + 2 * textMetrics.padding;
  return { width: Math.max(width, 60), height: node.lines.length * textMetrics.lineHeight + textMetrics.padding };
}

function elkEdge(edge: DiagramEdge): ElkExtendedEdge {
  const text = edgeText(edge);
  const labels = text === undefined ? [] : [{ id: `${edge.id}:label`, text, width: textWidth(text), height: textMetrics.lineHeight }];
  return { id: edge.id, sources: [edge.from], targets: [edge.to], labels };
}

function placeEdge(routed: ElkExtendedEdge, edge: DiagramEdge): PlacedEdge {
  const section = routed.sections?.[0];
  const points = section === undefined ? [] : [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
  const label = routed.labels?.[0];
  return {
    edge,
    points,
    label: label?.text === undefined ? undefined : { text: label.text, x: (label.x ?? 0) + (label.width ?? 0) / 2, y: (label.y ?? 0) + (label.height ?? 0) / 2 },
  };
}
