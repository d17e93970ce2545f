/**
 * `jobfloor graph`'s pictures of the shop's orders flow, which has every kind of edge: the SVG is
 * well-formed XML with every node and edge, each edge kind drawn in its own style, the start
 * marked and a legend; Mermaid and DOT carry the same nodes and edges.
 */
import { describe, expect, it } from 'vitest';
import { edgeStyles, legendKinds } from '../../../tools/graph/edge-styles.js';
import { flowDiagram } from '../../../tools/graph/flow-diagram.js';
import { findFlow } from '../../../tools/graph/flow-lookup.js';
import { renderFlow } from '../../../tools/graph/render-flow.js';
import { openFixture, shop } from '../support/fixture-projects.js';
import { xmlViolation } from '../support/xml-well-formed.js';

const { catalogue } = openFixture(shop);
const { loaded, office } = findFlow('orders', catalogue);
const diagram = flowDiagram(loaded.graph, { jobs: new Map(office!.jobs.map((job) => [job.name, job])), assignments: undefined, officeEscalations: office!.escalations });

/** The attribute values of every element of `svg` with class `kind` (`node`, `edge`). */
function elements(svg: string, kind: 'node' | 'edge'): Array<Record<string, string>> {
  return [...svg.matchAll(new RegExp(`<g class="${kind} [^"]*"([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries([...match[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((attribute) => [attribute[1]!, attribute[2]!.replaceAll('&apos;', "'")])),
  );
}

describe('jobfloor graph', () => {
  it('draws an SVG that is well-formed XML', async () => {
    expect(xmlViolation(await renderFlow(catalogue, 'orders', 'svg', undefined))).toBeUndefined();
  });

  it('draws every node, with its job and team, and marks the start', async () => {
    const svg = await renderFlow(catalogue, 'orders', 'svg', undefined);
    const drawn = elements(svg, 'node').map((node) => node['data-id']);
    expect(drawn.sort()).toEqual(diagram.nodes.map((node) => node.id).sort());
    expect(Object.keys(loaded.graph.nodes).every((name) => drawn.includes(`node:${name}`))).toBe(true);
    expect(svg).toContain('<g class="node node-start" data-id="start"');
    expect(svg).toMatch(/data-node="charge">.*<text[^>]*>PaymentJobs.charge<\/text><text[^>]*>team: payments<\/text>/);
  });

  it('draws every edge once, each kind in its own style', async () => {
    const svg = await renderFlow(catalogue, 'orders', 'svg', undefined);
    const drawn = elements(svg, 'edge').map((edge) => `${edge['data-kind']} ${edge['data-from']} -> ${edge['data-to']}`);
    expect(drawn.sort()).toEqual(diagram.edges.map((edge) => `${edge.kind} ${edge.from} -> ${edge.to}`).sort());
    expect(new Set(diagram.edges.map((edge) => edge.kind))).toEqual(new Set(['start', 'next', 'goto', 'call', 'spawn', 'escalation']));
    for (const kind of legendKinds) {
      const { color, dash, width } = edgeStyles[kind];
      const style = `stroke="${color}" stroke-width="${width}"${dash === undefined ? '' : ` stroke-dasharray="${dash}"`}`;
      expect(svg).toMatch(new RegExp(`<g class="edge edge-${kind}"[^>]*><path d="[^"]*" fill="none" ${style}`));
    }
    const styles = legendKinds.map((kind) => JSON.stringify(edgeStyles[kind]));
    expect(new Set(styles).size).toBe(legendKinds.length);
  });

  it('labels flow links with their method and escalations with their class', async () => {
    const svg = await renderFlow(catalogue, 'orders', 'svg', undefined);
    for (const label of ['goto rejectOrder()', 'call checkStock()', 'spawn audit()', 'PaymentDeclinedError', 'StockError']) expect(svg).toContain(`>${label}</text>`);
  });

  it('has a legend naming each kind of edge', async () => {
    const svg = await renderFlow(catalogue, 'orders', 'svg', undefined);
    for (const kind of legendKinds) expect(svg).toContain(`<g class="legend-${kind}">`);
  });

  it('writes Mermaid with the same nodes, edges and styles', async () => {
    const mermaid = await renderFlow(catalogue, 'orders', 'mermaid', undefined);
    expect(mermaid.startsWith('%% Flow orders, drawn by jobfloor graph\nflowchart TD\n')).toBe(true);
    for (const name of Object.keys(loaded.graph.nodes)) expect(mermaid).toContain(`["${name}<br/>`);
    expect(mermaid).toContain('==>|"call checkStock()"|');
    expect(mermaid.match(/^ {2}linkStyle \d+ /gm)).toHaveLength(diagram.edges.length + legendKinds.length);
  });

  it('writes DOT with the same nodes and edges', async () => {
    const dot = await renderFlow(catalogue, 'orders', 'dot', undefined);
    for (const node of diagram.nodes) expect(dot).toContain(`  "${node.id}" [`);
    for (const edge of diagram.edges) expect(dot).toContain(`  "${edge.from}" -> "${edge.to}" [`);
    expect(dot).toContain('"node:reserve" -> "node:count" [color="#8250df", fontcolor="#8250df", style=solid, penwidth=3, label="call checkStock()"]');
  });

  it("draws the office's escalation handlers aimed at a flow from a box for the office", async () => {
    const svg = await renderFlow(catalogue, 'audit-failures', 'svg', undefined);
    expect(svg).toContain('<g class="node node-office" data-id="office"');
    expect(svg).toContain('<g class="edge edge-escalation" data-kind="escalation" data-from="office" data-to="node:report">');
    expect(svg).toContain('>AuditError</text>');
  });

  it('names the flows there are when asked for one that is not', () => {
    expect(() => findFlow('ordrs', catalogue)).toThrow(
      "There is no flow named 'ordrs'. Did you mean 'orders'? The flows are: orders, pricing, audit-failures. Name a flow, or give the path of its .flow.json file.",
    );
  });
});
