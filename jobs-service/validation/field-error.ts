import type { z } from 'zod';

/**
 * One thing wrong with a request: the field (a dotted path such as `notifications.0.url`, or
 * `(body)` for the request as a whole) and what is wrong with it. The API answers 400 with every
 * field error of a request, never just the first.
 */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The dotted path of a zod issue (`parameters.count`), or `(body)` for the whole value. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.');
}

/**
 * Every issue of a failed zod parse as field errors. Unknown keys become one error per key, named
 * by the key, so a client sees `color: unknown field` rather than a message about the object.
 */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldPath([...issue.path, key]), message: 'unknown field; remove it (field names are case-sensitive)' }));
    }
    return [{ field: fieldPath(issue.path), message: issue.message }];
  });
}
