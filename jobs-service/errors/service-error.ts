import type { FieldError } from '../validation/field-error.js';

/**
 * Every stable error code of the jobs service with the HTTP status the API answers it with.
 * docs/jobs-service/api.md documents each.
 */
export const serviceErrorStatus = {
  JOBS_VALIDATION_FAILED: 400,
  JOBS_BAD_REQUEST: 400,
  JOBS_UNAUTHENTICATED: 401,
  JOBS_FORBIDDEN: 403,
  JOBS_NOT_FOUND: 404,
  JOBS_ALREADY_EXISTS: 409,
  JOBS_ILLEGAL_TRANSITION: 409,
  JOBS_ACTION_REFUSED: 409,
  JOBS_BODY_TOO_LARGE: 413,
  JOBS_UNSUPPORTED_MEDIA_TYPE: 415,
  JOBS_OVERLOADED: 503,
} as const;

export type ServiceErrorCode = keyof typeof serviceErrorStatus;

/**
 * An error the service expects and answers with a 4xx (or 503): it carries a stable code, a
 * message for the client that says what was wrong and what to do, and, for validation, every
 * bad field. Anything else that escapes a request is a bug and answers 500.
 */
export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly fieldErrors: readonly FieldError[];

  constructor(code: ServiceErrorCode, message: string, options: { fieldErrors?: readonly FieldError[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
  }

  override get name(): string {
    return this.constructor.name;
  }

  get httpStatus(): number {
    return serviceErrorStatus[this.code];
  }
}
