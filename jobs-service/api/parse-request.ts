import type { z } from 'zod';
import { ServiceError } from '../errors/service-error.js';
import { fieldErrorsFromZod } from '../validation/field-error.js';

/**
 * Validates a request part (query string, body, path) with its zod schema: the parsed value, or a
 * 400 listing every bad field. `what` names the part in the message ("query string").
 */
export function parseRequestPart<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsFromZod(parsed.error);
  throw new ServiceError('JOBS_VALIDATION_FAILED', `The ${what} has ${fieldErrors.length} problem${fieldErrors.length === 1 ? '' : 's'}; see result.errors.`, {
    fieldErrors,
  });
}
