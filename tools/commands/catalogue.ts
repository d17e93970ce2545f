import { catalogueJson } from '../catalogue/catalogue-json.js';
import { readCatalogue } from '../catalogue/read-catalogue.js';
import { defaultTsconfig, openSourceProject } from '../catalogue/source-project.js';
import { exitCodes, parseCommandLine, runCommand, stringOption, writeOutput } from '../cli/command-line.js';
import type { Command } from './command.js';

const help = `Usage: jobfloor catalogue [--project TSCONFIG] [--out FILE]

Reads every office module (each defineOffice() call) with the TypeScript checker and writes the
job catalogue as JSON: for every job its name, class, method, file and line, @param type, return
type, dependencies, flow methods and declared escalations; for every dependency its scope and
what it depends on. Nothing is run.

Options:
  --project TSCONFIG  the TypeScript project to read (default: tsconfig.build.json, else tsconfig.json)
  --out FILE          write the JSON to FILE instead of standard output`;

export const command: Command = {
  summary: 'write the job catalogue (jobs, types, flows, escalations, dependencies) as JSON',
  run: (args) =>
    runCommand(args, help, () => {
      const { values } = parseCommandLine(args, { project: { type: 'string' }, out: { type: 'string' } });
      const catalogue = readCatalogue(openSourceProject(stringOption(values, 'project') ?? defaultTsconfig()));
      writeOutput(JSON.stringify(catalogueJson(catalogue), null, 2), stringOption(values, 'out'));
      return exitCodes.ok;
    }),
};
