import { readCatalogue } from '../catalogue/read-catalogue.js';
import { defaultTsconfig, openSourceProject } from '../catalogue/source-project.js';
import { formatCheckReport } from '../check/check-report.js';
import { runCheck } from '../check/run-check.js';
import { exitCodes, parseCommandLine, runCommand, stringListOption, stringOption, writeOutput } from '../cli/command-line.js';
import type { Command } from './command.js';

const help = `Usage: jobfloor check [--flows DIR] [--teams FILE] [--project TSCONFIG] [--json]

Checks the offices (every defineOffice() of the project), their flow graphs and teams files
before anything runs, with the runtime's own start-up rules and the TypeScript checker: unknown
jobs, nodes, sub-flows and escalation targets; unreachable nodes; unwired flow methods; values
whose type does not fit the @param they go to; escalation handlers that do not take their
escalation; declared escalations nothing handles; team rules naming unknown teams, matching
nothing or conflicting; thread-pool jobs with flow-scoped dependencies or uncloneable values.
Prints each problem with its file, node or rule, and a fix. Exits 1 if there is any.

Options:
  --flows DIR         check the *.flow.json files under DIR (a file works too; repeatable)
                      instead of the files the offices name; each goes to the office that names
                      it, else to the office that has its jobs (default: the offices' own flows
                      and the project's flows/ folder)
  --teams FILE        check FILE as the deployment's teams file, with the offices whose jobs it
                      names (default: JOBFLOOR_TEAMS, else teams.config.json in the project
                      root, for offices that name no teams file of their own)
  --project TSCONFIG  the TypeScript project to read (default: tsconfig.build.json, else tsconfig.json)
  --json              print the result as JSON`;

export const command: Command = {
  summary: 'check flows, jobs and teams files before anything runs (exit 1 on problems)',
  run: (args) =>
    runCommand(args, help, () => {
      const options = { flows: { type: 'string', multiple: true }, teams: { type: 'string' }, project: { type: 'string' }, json: { type: 'boolean' } } as const;
      const { values } = parseCommandLine(args, options);
      const source = openSourceProject(stringOption(values, 'project') ?? defaultTsconfig());
      const result = runCheck(source, readCatalogue(source), { flows: stringListOption(values, 'flows'), teams: stringOption(values, 'teams') });
      writeOutput(values['json'] === true ? JSON.stringify(result, null, 2) : formatCheckReport(result), undefined);
      return result.problems.length > 0 ? exitCodes.problems : exitCodes.ok;
    }),
};
