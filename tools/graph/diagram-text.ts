import type { DiagramEdge } from './flow-diagram.js';

/** The text an edge carries: `goto contentNotFound()`, `call checkStock()`, or an error class. */
export function edgeText(edge: DiagramEdge): string | undefined {
  if (edge.label === undefined) return undefined;
  return edge.kind === 'escalation' ? edge.label : `${edge.kind} ${edge.label}()`;
}

/** Box and label sizes from text, for the layout: an estimate for a 12px sans-serif font. */
export const textMetrics = {
  fontSize: 12,
  lineHeight: 16,
  /** Average advance of a character; generous, so that text never overflows its box. */
  charWidth: 7.2,
  padding: 10,
};

/** The width of a line of text in the diagram's font, estimated. */
export function textWidth(text: string): number {
  return Math.ceil(text.length * textMetrics.charWidth);
}
