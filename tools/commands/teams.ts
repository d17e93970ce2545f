import { readCatalogue } from '../catalogue/read-catalogue.js';
import { defaultTsconfig, openSourceProject } from '../catalogue/source-project.js';
import { exitCodes, numberOption, parseCommandLine, runCommand, stringOption, writeOutput } from '../cli/command-line.js';
import { readExecutionStats } from '../teams/execution-stats.js';
import { defaultThresholds, type AdviceThresholds } from '../teams/placement-advice.js';
import { teamReports } from '../teams/team-report.js';
import { formatTeamReports } from '../teams/team-report-text.js';
import type { Command } from './command.js';

const help = `Usage: jobfloor teams [--stats FILE] [--teams FILE] [--project TSCONFIG] [--json]

Prints, for every job of every office, the team it runs on and the rule of the teams file that put
it there (decided as the office decides at start-up). With --stats, reads recorded job execution
records and advises: a main-thread job that holds the event loop with CPU work belongs on a
thread pool; a thread-pool job too short to pay for the hop belongs inline. It prints the change
and the teams file after it.

Options:
  --stats FILE        job execution records: a JSON array, or one JSON record per line
                      (see docs/tools.md for exporting them from an office)
  --teams FILE        the teams file (default: as jobfloor check chooses it for each office)
  --block-ms N        CPU milliseconds per run from which a main-thread job blocks the event
                      loop too long (default ${defaultThresholds.blockMs})
  --cpu-share R       ... when at least this share of its run time is CPU (default ${defaultThresholds.cpuShare})
  --hop-ms N          a thread-pool job with a shorter median run belongs inline (default ${defaultThresholds.hopMs})
  --min-records N     advise only on jobs with at least N records (default ${defaultThresholds.minRecords})
  --project TSCONFIG  the TypeScript project to read (default: tsconfig.build.json, else tsconfig.json)
  --json              print the report as JSON`;

const options = {
  stats: { type: 'string' },
  teams: { type: 'string' },
  'block-ms': { type: 'string' },
  'cpu-share': { type: 'string' },
  'hop-ms': { type: 'string' },
  'min-records': { type: 'string' },
  project: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const command: Command = {
  summary: "show every job's team and why; with --stats, advise thread pool or inline",
  run: (args) =>
    runCommand(args, help, () => {
      const { values } = parseCommandLine(args, options);
      const statsFile = stringOption(values, 'stats');
      const stats = statsFile === undefined ? undefined : readExecutionStats(statsFile);
      const catalogue = readCatalogue(openSourceProject(stringOption(values, 'project') ?? defaultTsconfig()));
      const reports = teamReports(catalogue, stringOption(values, 'teams'), stats, thresholds(values));
      writeOutput(values['json'] === true ? JSON.stringify(reports, null, 2) : formatTeamReports(reports, statsFile), undefined);
      return exitCodes.ok;
    }),
};

function thresholds(values: Record<string, unknown>): AdviceThresholds {
  return {
    blockMs: numberOption(values, 'block-ms', defaultThresholds.blockMs),
    cpuShare: numberOption(values, 'cpu-share', defaultThresholds.cpuShare),
    hopMs: numberOption(values, 'hop-ms', defaultThresholds.hopMs),
    minRecords: numberOption(values, 'min-records', defaultThresholds.minRecords),
  };
}
