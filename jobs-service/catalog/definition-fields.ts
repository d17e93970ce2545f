/**
 * The zod building blocks of system, app and queue definitions: ids, limits, memory and run time.
 * Every limit is positive; a negative one is refused with a pointer to omitting it, because
 * Agave's `-1` ("no limit") is no longer accepted (seed 002, "Submission Request Parameters").
 */
import { z } from 'zod';
import { memoryProblem, runTimeProblem } from './quantities.js';

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An id unique within its tenant (system, app, batch queue): letters, digits, `.`, `_` and `-`. */
export function catalogId(what: string, maxLength = 64): z.ZodString {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a string`) })
    .min(1, `${what} must not be empty`)
    .max(maxLength, `${what} is longer than ${maxLength} characters`)
    .regex(idPattern, `${what} starts with a letter or digit and holds only letters, digits, '.', '_' and '-'`);
}

/** A tenant id: as a catalogue id, without `.` (it is part of queue names such as `jobfloor.jobq.<tenant>.submit.X`). */
export const tenantIdSchema = z
  .string()
  .min(1, 'the tenant id must not be empty')
  .max(64, 'the tenant id is longer than 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "a tenant id starts with a letter or digit and holds only letters, digits, '_' and '-'");

/** A message for a count limit below 1: negative ones get the "omit it" pointer. */
function countLimitMessage(name: string, input: unknown): string {
  if (typeof input === 'number' && input < 0) {
    return `${name}: no negative limits (Agave's -1 for "no limit" is refused); omit ${name} for no limit`;
  }
  if (typeof input === 'number' && !Number.isInteger(input)) return `${name} must be a whole number`;
  if (typeof input === 'number') return `${name} must be at least 1; omit ${name} for no limit`;
  return `${name} must be a whole number of at least 1`;
}

/** A positive whole-number limit; omitting it means no limit. */
export function countLimit(name: string): z.ZodInt {
  const error = (issue: { input?: unknown }): string => countLimitMessage(name, issue.input);
  return z.int({ error }).min(1, { error });
}

/** The largest value of a PostgreSQL `integer` column, where defaults such as default_node_count are stored. */
const maxStoredInteger = 2_147_483_647;

/** A positive whole number that is a default (a node count, processors per node). */
export function positiveCount(name: string): z.ZodInt {
  const error = (issue: { input?: unknown }): string =>
    typeof issue.input === 'number' && issue.input < 0 ? `${name} must not be negative; give a whole number of at least 1` : `${name} must be a whole number of at least 1`;
  return z.int({ error }).min(1, { error }).max(maxStoredInteger, `${name} is at most ${maxStoredInteger}`);
}

/** Whether a value is a limit (negative: "omit it for no limit") or a default (negative: "give a positive value"). */
export type AmountRole = 'limit' | 'default';

function negativeMessage(name: string, role: AmountRole, example: string): string {
  return role === 'limit' ? `${name}: no negative limits; omit ${name} for no limit` : `${name} must not be negative; give a value such as ${example}`;
}

/** A memory amount as `[num][units]` (`16GB`, `512MB`, `4`), as in a submission's memoryPerNode. */
export function memoryAmount(name: string, role: AmountRole): z.ZodString {
  return z
    .string({
      error: (issue) =>
        typeof issue.input === 'number' && issue.input < 0 ? negativeMessage(name, role, '"16GB"') : `${name} is a string with units, e.g. "16GB" or "512MB"`,
    })
    .max(32, `${name} is longer than 32 characters`)
    .superRefine((text, context) => {
      const problem = memoryProblem(text, name);
      if (problem === undefined) return;
      context.addIssue({ code: 'custom', message: text.trim().startsWith('-') ? negativeMessage(name, role, '"16GB"') : problem });
    })
    .describe('Memory as [num][units]: a decimal number and KB, MB, GB or TB (GB when no unit), e.g. "16GB".');
}

/** A run time as `HH:mm:ss`, as in a submission's maxRunTime. */
export function runTime(name: string, role: AmountRole): z.ZodString {
  return z
    .string({ error: `${name} is a string HH:mm:ss, e.g. "24:00:00"` })
    .max(20, `${name} is longer than 20 characters`)
    .superRefine((text, context) => {
      const problem = runTimeProblem(text, name);
      if (problem === undefined) return;
      context.addIssue({ code: 'custom', message: text.trim().startsWith('-') ? negativeMessage(name, role, '"24:00:00"') : problem });
    })
    .describe('A run time as HH:mm:ss, e.g. "24:00:00".');
}
