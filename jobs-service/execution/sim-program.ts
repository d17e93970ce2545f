/**
 * Sim programs: the "app" of the `sim` execution system, one step per line (issue 5):
 *
 * ```
 * SLEEP ms                       waits ms milliseconds (0 to 86400000)
 * LOG message                    writes message to the job's log
 * COMPUTE iterations             CPU-bound work, 1 to 1000000000 iterations
 * HTTP_CALL url                  GET url (http or https); anything but a 2xx answer fails the step
 * FAIL transient|permanent [why] fails the job, as a transient or a permanent error
 * ```
 *
 * Keywords are case-insensitive; blank lines and lines starting with `#` are skipped. Steps are
 * plain data that keep their line number, so a failure names its line and a checkpoint is just
 * the index of a step.
 */
import { didYouMean } from '../../framework/config/suggest.js';
import { SimProgramError, type SimProgramProblem } from './sim-errors.js';

/** Waits `ms` milliseconds. */
export interface SleepStep { readonly kind: 'SLEEP'; readonly line: number; readonly ms: number }
/** Writes `message` to the job's log. */
export interface LogStep { readonly kind: 'LOG'; readonly line: number; readonly message: string }
/** Runs simCompute(iterations). */
export interface ComputeStep { readonly kind: 'COMPUTE'; readonly line: number; readonly iterations: number }
/** GETs `url` and needs a 2xx answer. */
export interface HttpCallStep { readonly kind: 'HTTP_CALL'; readonly line: number; readonly url: string }
/** Fails, transiently or permanently, with an optional reason. */
export interface FailStep { readonly kind: 'FAIL'; readonly line: number; readonly transient: boolean; readonly reason: string | undefined }

/** One step of a sim program. */
export type SimStep = SleepStep | LogStep | ComputeStep | HttpCallStep | FailStep;
/** The keyword of a step. */
export type SimStepKind = SimStep['kind'];

/** The longest SLEEP: a day. */
export const MAX_SLEEP_MS = 86_400_000;
/** The most COMPUTE iterations in one step (a few seconds of CPU). */
export const MAX_COMPUTE_ITERATIONS = 1_000_000_000;
/** The most steps a program may have. */
export const MAX_STEPS = 10_000;

const USAGE: Readonly<Record<SimStepKind, string>> = {
  SLEEP: 'SLEEP ms, e.g. SLEEP 500',
  LOG: 'LOG message, e.g. LOG starting',
  COMPUTE: 'COMPUTE iterations, e.g. COMPUTE 100000',
  HTTP_CALL: 'HTTP_CALL url, e.g. HTTP_CALL https://example.org/health',
  FAIL: 'FAIL transient|permanent [reason], e.g. FAIL transient the service is busy',
};

/** A step, or what is wrong with the line. */
type LineResult = SimStep | { readonly problem: string };

function wholeNumber(text: string, max: number, min: number): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function parseSleep(line: number, argument: string): LineResult {
  const ms = wholeNumber(argument, MAX_SLEEP_MS, 0);
  return ms === undefined ? { problem: `SLEEP needs whole milliseconds from 0 to ${MAX_SLEEP_MS}, not '${argument}': ${USAGE.SLEEP}` } : { kind: 'SLEEP', line, ms };
}

function parseCompute(line: number, argument: string): LineResult {
  const iterations = wholeNumber(argument, MAX_COMPUTE_ITERATIONS, 1);
  return iterations === undefined
    ? { problem: `COMPUTE needs a whole number of iterations from 1 to ${MAX_COMPUTE_ITERATIONS}, not '${argument}': ${USAGE.COMPUTE}` }
    : { kind: 'COMPUTE', line, iterations };
}

function parseHttpCall(line: number, argument: string): LineResult {
  if (argument === '' || /\s/.test(argument)) return { problem: `HTTP_CALL takes one URL (encode spaces as %20), not '${argument}': ${USAGE.HTTP_CALL}` };
  let url: URL;
  try {
    url = new URL(argument);
  } catch {
    return { problem: `'${argument}' is not an absolute URL: ${USAGE.HTTP_CALL}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `HTTP_CALL calls http or https URLs, not ${url.protocol}` };
  return { kind: 'HTTP_CALL', line, url: url.href };
}

function parseFail(line: number, argument: string): LineResult {
  const [kind = '', ...reason] = argument.split(/\s+/);
  const lower = kind.toLowerCase();
  if (lower !== 'transient' && lower !== 'permanent') return { problem: `FAIL needs transient or permanent, not '${kind}': ${USAGE.FAIL}` };
  return { kind: 'FAIL', line, transient: lower === 'transient', reason: reason.length === 0 ? undefined : reason.join(' ') };
}

function parseLine(line: number, text: string): LineResult {
  const match = /^(\S+)\s*(.*)$/.exec(text)!;
  const keyword = match[1]!.toUpperCase();
  const argument = match[2]!.trim();
  switch (keyword) {
    case 'SLEEP':
      return parseSleep(line, argument);
    case 'LOG':
      return { kind: 'LOG', line, message: argument };
    case 'COMPUTE':
      return parseCompute(line, argument);
    case 'HTTP_CALL':
      return parseHttpCall(line, argument);
    case 'FAIL':
      return parseFail(line, argument);
    default:
      return { problem: `'${match[1]}' is not a step; the steps are SLEEP, LOG, COMPUTE, HTTP_CALL and FAIL.${didYouMean(keyword, Object.keys(USAGE))}` };
  }
}

/** The steps of `text` and every problem with its line number (1-based), in line order. */
export function checkSimProgram(text: string): { readonly steps: SimStep[]; readonly problems: SimProgramProblem[] } {
  const steps: SimStep[] = [];
  const problems: SimProgramProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const result = parseLine(index + 1, trimmed);
    if ('problem' in result) problems.push({ line: index + 1, message: result.problem });
    else steps.push(result);
  });
  if (steps.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'the program has no steps; write one step per line, e.g. LOG starting' });
  if (steps.length > MAX_STEPS) problems.push({ line: steps[MAX_STEPS]!.line, message: `a program has at most ${MAX_STEPS} steps; this one has ${steps.length}` });
  return { steps, problems };
}

/**
 * The steps of `text`. Throws {@link SimProgramError} listing every problem with its line; use
 * {@link checkSimProgram} to get the problems as data (submission validation).
 */
export function parseSimProgram(text: string): SimStep[] {
  const { steps, problems } = checkSimProgram(text);
  if (problems.length > 0) throw new SimProgramError(problems);
  return steps;
}
