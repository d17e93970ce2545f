/**
 * Fills an app's command template (an argv array with `${id}` placeholders, see the app
 * definition's `command`) with a job's values. The result is an argv for `spawn` without a shell:
 * a value is one argument or part of one, never parsed, quoted or split, so a parameter holding
 * `; rm -rf ~` is just text.
 *
 * Arrays (parameters declared `multiple`): an argument holding a placeholder whose value is an
 * array is repeated once per item, so `--input=${files}` with `["a", "b"]` becomes
 * `--input=a --input=b`, and `${files}` alone becomes `a b` as two arguments. An empty array
 * drops the argument: that is how a caller leaves out an optional parameter the job did not set.
 * Two different array placeholders in one argument are refused (which pairs would be meant?).
 */
import { didYouMean } from '../../framework/config/suggest.js';
import { CommandTemplateError } from './execution-errors.js';

/** One value that can stand for a placeholder. */
export type CommandScalar = string | number | boolean;
/** The value of a placeholder: a scalar, or an array of them for a `multiple` parameter. */
export type CommandValue = CommandScalar | readonly CommandScalar[];

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The distinct placeholder names of one argument, in order. */
function namesIn(argument: string): string[] {
  return [...new Set([...argument.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

function replaceAll(argument: string, values: ReadonlyMap<string, CommandScalar>): string {
  return argument.replace(PLACEHOLDER, (_, name: string) => String(values.get(name)));
}

/** The problems of one argument's placeholders: names without a value, two arrays. */
function argumentProblems(argument: string, index: number, values: Readonly<Record<string, CommandValue | undefined>>): string[] {
  const names = namesIn(argument);
  const problems = names
    .filter((name) => values[name] === undefined)
    .map((name) => `command[${index}] '${argument}': \${${name}} has no value; the job gives ${Object.keys(values).map((id) => `\${${id}}`).join(', ') || 'no values'}.${didYouMean(name, Object.keys(values))}`);
  const arrays = names.filter((name) => Array.isArray(values[name]));
  if (arrays.length > 1) {
    problems.push(`command[${index}] '${argument}' holds the arrays ${arrays.map((name) => `\${${name}}`).join(' and ')}; put each array placeholder in an argument of its own`);
  }
  return problems;
}

/** The arguments one template argument becomes: one, none (empty array) or one per array item. */
function expand(argument: string, values: Readonly<Record<string, CommandValue | undefined>>): string[] {
  const names = namesIn(argument);
  const scalars = new Map<string, CommandScalar>();
  let array: { name: string; items: readonly CommandScalar[] } | undefined;
  for (const name of names) {
    const value = values[name]!;
    if (Array.isArray(value)) array = { name, items: value as readonly CommandScalar[] };
    else scalars.set(name, value as CommandScalar);
  }
  if (array === undefined) return [replaceAll(argument, scalars)];
  const { name, items } = array;
  return items.map((item) => replaceAll(argument, new Map([...scalars, [name, item]])));
}

/**
 * The argv that `template` stands for with `values` (the job's parameters and its staged input
 * paths, by id). Throws {@link CommandTemplateError} listing every problem: a placeholder with no
 * value (a name missing from `values`), two arrays in one argument, a NUL character in an
 * argument, or a command left without a program.
 */
export function fillCommand(template: readonly string[], values: Readonly<Record<string, CommandValue | undefined>>): string[] {
  const problems = template.flatMap((argument, index) => argumentProblems(argument, index, values));
  if (problems.length > 0) throw new CommandTemplateError(`cannot fill the command: ${problems.join('; ')}`);
  const argv = template.flatMap((argument) => expand(argument, values));
  const withNul = argv.findIndex((argument) => argument.includes('\0'));
  if (withNul >= 0) throw new CommandTemplateError(`cannot fill the command: argument ${withNul} holds a NUL character, which no program argument can; remove it from the parameter`);
  if (argv.length === 0 || argv[0] === '') {
    throw new CommandTemplateError(`cannot fill the command: it has no program to run (the first argument is ${argv.length === 0 ? 'gone, an empty array' : 'empty'}); give the parameter a value`);
  }
  return argv;
}
