/**
 * Validates a `POST /jobs/v2` body against seed 002's rules and reports every bad field at once.
 * Fields that Agave accepted and Aloe refuses get their own message, with the fix.
 */
import { z } from 'zod';
import { didYouMean } from '../../framework/config/suggest.js';
import { fieldErrorsFromZod, fieldPath, type FieldError } from '../validation/field-error.js';
import { crossFieldErrors, submissionRequestSchema, type SubmissionRequest } from './submission-request.js';

/** Fields of old requests that are refused with a pointer to what to do instead (seed 002, "Submission Request Gotchas"). */
export const refusedFields: Readonly<Record<string, string>> = {
  executionSystem: 'executionSystem is not allowed: the app decides which system a job runs on (Agave ignored it, Aloe refuses it); remove it',
  parameter: 'parameter is not supported; use parameters (an object of parameter id -> value)',
  processorOnEachNode: 'processorOnEachNode is misspelt (seed 002 spells it so once); use processorsOnEachNode',
};

const knownFields = Object.keys(submissionRequestSchema.shape);

function unknownFieldMessage(key: string): string {
  return refusedFields[key] ?? `unknown field '${key}'; remove it (field names are case-sensitive).${didYouMean(key, knownFields)}`;
}

/** Field errors of a failed parse; unknown keys at the top get their own messages. */
function submissionErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      return issue.keys.map((key) => ({ field: fieldPath([key]), message: unknownFieldMessage(key) }));
    }
    return fieldErrorsFromZod(new z.ZodError([issue]));
  });
}

/**
 * Every field error of `body`. Zod skips the schema's cross-field rules once a field fails a
 * format check (a fractional nodeCount, say), so they are added here when missing.
 */
function allErrors(error: z.ZodError, body: unknown): FieldError[] {
  const errors = submissionErrors(error);
  const missing = crossFieldErrors(body).filter((rule) => !errors.some((found) => found.field === rule.field && found.message === rule.message));
  return [...errors, ...missing];
}

/** The request when `body` is a valid submission, otherwise every field error. */
export function parseSubmissionRequest(body: unknown): { ok: true; request: SubmissionRequest } | { ok: false; errors: FieldError[] } {
  const result = submissionRequestSchema.safeParse(body);
  return result.success ? { ok: true, request: result.data } : { ok: false, errors: allErrors(result.error, body) };
}
