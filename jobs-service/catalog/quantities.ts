/**
 * The two quantities that submissions, apps and batch queues share, in the syntax of seed 002's
 * "Submission Request Parameters": memory as `[num][units]` (`200MB`, `1.5GB`, `5`) and run time
 * as `HH:mm:ss`. One parser each, so a limit and a request are read the same way.
 */

/** `[num][units]`: a decimal number and an optional unit KB, MB, GB or TB (any case); GB when none. */
export const memoryPattern = /^(\d+(?:\.\d+)?|\.\d+)(KB|MB|GB|TB)?$/i;

/** `HH:mm:ss`: two or more digits of hours, then minutes and seconds below 60. */
export const runTimePattern = /^(\d{2,}):([0-5]\d):([0-5]\d)$/;

// Binary multiples, as schedulers count memory: 1 GB = 1024 MB.
const gigabytesPerUnit: Readonly<Record<string, number>> = { KB: 1 / 1024 ** 2, MB: 1 / 1024, GB: 1, TB: 1024 };

/** GB of a memory string such as `200MB`, or undefined when it is not `[num][units]`. */
export function parseMemoryGb(text: string): number | undefined {
  const match = memoryPattern.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * gigabytesPerUnit[(match[2] ?? 'GB').toUpperCase()]!;
}

/** Decimal hours of an `HH:mm:ss` string (`01:30:00` is 1.5), or undefined when it is not one. */
export function parseRunTimeHours(text: string): number | undefined {
  const match = runTimePattern.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) + Number(match[2]) / 60 + Number(match[3]) / 3600;
}

/**
 * What is wrong with a memory string, or undefined when it is a positive `[num][units]`. `what` names
 * the value in the message (`memoryPerNode`).
 */
export function memoryProblem(text: string, what: string): string | undefined {
  if (text.trim().startsWith('-')) return `${what} must not be negative; give an amount such as 512MB or 2GB`;
  const gb = parseMemoryGb(text);
  if (gb === undefined) return `${what} '${text}' is not [num][units]: a decimal number and an optional unit KB, MB, GB or TB (GB when none), e.g. 200MB, 1.5GB or 5`;
  if (gb === 0) return `${what} must be more than 0; give an amount such as 512MB or 2GB`;
  return undefined;
}

/** What is wrong with a run-time string, or undefined when it is a positive `HH:mm:ss`. */
export function runTimeProblem(text: string, what: string): string | undefined {
  if (text.trim().startsWith('-')) return `${what} must not be negative; give HH:mm:ss, e.g. 02:30:00`;
  const hours = parseRunTimeHours(text);
  if (hours === undefined) return `${what} '${text}' is not HH:mm:ss (hours, minutes and seconds, e.g. 02:30:00; minutes and seconds below 60)`;
  if (hours === 0) return `${what} must be more than 00:00:00`;
  return undefined;
}

/** Formats GB for messages: `0.5GB`, `16GB`. */
export function formatGb(gb: number): string {
  return `${Number(gb.toPrecision(6))}GB`;
}
