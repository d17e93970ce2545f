import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/** A mistake in how a command was called; the command prints its help with it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The options of one command, in `node:util` `parseArgs` form. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** The exit codes every command uses. */
export const exitCodes = {
  /** Done, nothing wrong. */
  ok: 0,
  /** The command ran and found problems (`check`), or could not do what was asked. */
  problems: 1,
  /** The command was called wrongly: an unknown option, a missing argument. */
  usage: 2,
} as const;

/**
 * Parses a command's arguments strictly: an unknown option or a missing value is a `UsageError`
 * naming it. `--help` is always accepted.
 */
export function parseCommandLine(args: readonly string[], options: OptionSpec): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as const;
    const { values, positionals } = parseArgs({ args: [...args], options: withHelp, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Runs a command's body: `--help` prints its help; a `UsageError` prints the error and the help
 * and exits 2; any other error prints its message and exits 1.
 */
export async function runCommand(args: readonly string[], help: string, body: () => Promise<number> | number): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(help);
    return exitCodes.ok;
  }
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${help}`);
      return exitCodes.usage;
    }
    console.error(`jobfloor: ${(error as Error).message}`);
    return exitCodes.problems;
  }
}

/** A string option's value, if given. */
export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values. */
export function stringListOption(values: Record<string, unknown>, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A number option (`--block-ms 10`), or `fallback`; anything but a non-negative number is a usage error. */
export function numberOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`--${name} takes a non-negative number, not '${text}'.`);
  return value;
}

/** Writes a command's output to `file` (creating its directory), or to standard output. */
export function writeOutput(text: string, file: string | undefined): void {
  if (file === undefined) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
