/**
 * The `jobfloor` command line: `jobfloor <command> [options]`. Each command lives in
 * `tools/commands/<command>.ts` and exports a {@link Command}; this file only finds and runs it.
 */
import { commands } from './commands/index.js';

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return ['Usage: jobfloor <command> [options]', '', 'Commands:', ...lines, '', 'Run `jobfloor <command> --help` for its options.'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    console.error(`jobfloor: unknown command '${name}'.\n\n${usage()}`);
    return 1;
  }
  return command.run(args);
}

process.exitCode = await main(process.argv.slice(2));
