/** Every `jobfloor` command by name. Commands are loaded on use, so `jobfloor token` does not load ts-morph. */
import type { Command } from './command.js';

export function lazy(summary: string, load: () => Promise<{ command: Command }>): Command {
  return { summary, run: async (args) => (await load()).command.run(args) };
}

export const commands: Record<string, Command> = {
  token: lazy('print a development bearer token for a tenant and user', () => import('./token.js')),
  serve: lazy('run the jobs service (API, workers, or both)', () => import('./serve.js')),
  check: lazy('check flows, jobs and teams files before anything runs (exit 1 on problems)', () => import('./check.js')),
  catalogue: lazy('write the job catalogue (jobs, types, flows, escalations, dependencies) as JSON', () => import('./catalogue.js')),
  import: lazy('import system, app or tenant queue definitions from a JSON file', () => import('./import.js')),
  graph: lazy('draw a flow graph as SVG, Mermaid or DOT, with jobs, teams and a legend', () => import('./graph.js')),
  teams: lazy("show every job's team and why; with --stats, advise thread pool or inline", () => import('./teams.js')),
};
