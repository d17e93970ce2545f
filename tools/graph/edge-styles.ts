import type { EdgeKind } from './flow-diagram.js';

/** How each kind of edge is drawn, and what the legend says of it. */
export interface EdgeStyle {
  readonly color: string;
  /** SVG `stroke-dasharray`; undefined: a solid line. */
  readonly dash: string | undefined;
  readonly width: number;
  readonly meaning: string;
}

/**
 * One style per edge kind, shared by the SVG, Mermaid and DOT renderers so that the three
 * pictures of a flow agree. Colours are chosen to stay apart for the common colour-vision
 * deficiencies, and each kind differs in line pattern or width too.
 */
export const edgeStyles: Readonly<Record<EdgeKind, EdgeStyle>> = {
  next: { color: '#24292f', dash: undefined, width: 1.5, meaning: 'next: the result goes to the next node' },
  goto: { color: '#0969da', dash: '6 4', width: 1.5, meaning: 'goto: a flow method that runs instead of next' },
  call: { color: '#8250df', dash: undefined, width: 3, meaning: 'call: an awaited flow method; its result comes back' },
  spawn: { color: '#1a7f37', dash: '2 4', width: 2, meaning: 'spawn: an independent run; nobody waits' },
  escalation: { color: '#cf222e', dash: '3 3', width: 1.5, meaning: 'escalation: an error to its handler' },
  start: { color: '#24292f', dash: undefined, width: 1.5, meaning: 'where runs start' },
};

/** The kinds the legend lists, in reading order. */
export const legendKinds: readonly EdgeKind[] = ['next', 'goto', 'call', 'spawn', 'escalation'];
