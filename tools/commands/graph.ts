import path from 'node:path';
import { readCatalogue } from '../catalogue/read-catalogue.js';
import { defaultTsconfig, openSourceProject } from '../catalogue/source-project.js';
import { exitCodes, parseCommandLine, runCommand, stringOption, UsageError, writeOutput } from '../cli/command-line.js';
import { graphFormats, renderFlow, type GraphFormat } from '../graph/render-flow.js';
import type { Command } from './command.js';

const help = `Usage: jobfloor graph FLOW [--format svg|mermaid|dot] [--out FILE] [--teams FILE] [--project TSCONFIG]

Draws the flow graph FLOW (its "name", or the path of its .flow.json file): a box per node with
its job and team, the start marked, and edges for next, goto, call, spawn and escalation drawn
differently, with a legend. SVG is laid out by elkjs; Mermaid and DOT are laid out by their tools.

Options:
  --format FORMAT     svg (default), mermaid or dot; by default taken from --out's extension
                      (.svg, .mmd or .md, .dot or .gv)
  --out FILE          write the picture to FILE instead of standard output
  --teams FILE        label the nodes with the teams FILE gives their jobs (default: the teams
                      file jobfloor check uses for the flow's office)
  --project TSCONFIG  the TypeScript project to read (default: tsconfig.build.json, else tsconfig.json)`;

const extensions: Readonly<Record<string, GraphFormat>> = { '.svg': 'svg', '.mmd': 'mermaid', '.md': 'mermaid', '.dot': 'dot', '.gv': 'dot' };

export const command: Command = {
  summary: 'draw a flow graph as SVG, Mermaid or DOT, with jobs, teams and a legend',
  run: (args) =>
    runCommand(args, help, async () => {
      const options = { format: { type: 'string' }, out: { type: 'string' }, teams: { type: 'string' }, project: { type: 'string' } } as const;
      const { values, positionals } = parseCommandLine(args, options);
      const [flow, ...extra] = positionals;
      if (flow === undefined || extra.length > 0) throw new UsageError('jobfloor graph takes one FLOW: a flow name or a .flow.json file.');
      const out = stringOption(values, 'out');
      const format = chooseFormat(stringOption(values, 'format'), out);
      const catalogue = readCatalogue(openSourceProject(stringOption(values, 'project') ?? defaultTsconfig()));
      writeOutput(await renderFlow(catalogue, flow, format, stringOption(values, 'teams')), out);
      if (out !== undefined) console.error(`jobfloor graph: wrote ${out}`);
      return exitCodes.ok;
    }),
};

function chooseFormat(format: string | undefined, out: string | undefined): GraphFormat {
  if (format === undefined) return extensions[path.extname(out ?? '').toLowerCase()] ?? 'svg';
  if ((graphFormats as readonly string[]).includes(format)) return format as GraphFormat;
  throw new UsageError(`--format must be one of ${graphFormats.join(', ')}, not '${format}'.`);
}
