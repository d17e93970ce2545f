import type { z } from 'zod';
import { pointer, type ConfigurationIssue } from '../errors/configuration-issue.js';
import type { ErrorCode } from '../errors/error-codes.js';

/**
 * Turns zod's validation issues for one file into configuration issues, each located with a JSON
 * pointer into the file (`teams.config.json#/teams/db/concurrency`).
 */
export function zodIssuesToConfigurationIssues(
  error: z.ZodError,
  file: string,
  code: ErrorCode,
  schemaFile: string,
): ConfigurationIssue[] {
  return error.issues.map((issue) => ({
    code,
    location: `${file}#${pointer(...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)))}`,
    message: describe(issue),
    fix: `Correct the value so that it matches ${schemaFile}; its $schema lets an editor check the file as you type.`,
  }));
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && 'discriminator' in issue && typeof issue.discriminator === 'string') {
    return `${issue.message}: '${issue.discriminator}' must be one of the known values.`;
  }
  if (issue.code === 'invalid_key') {
    const name = String(issue.path.at(-1));
    return `Invalid name '${name}': ${issue.issues.map((inner) => inner.message).join('; ')}.`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `Unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `'${k}'`).join(', ')}.`;
  }
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
}
