import { ServiceError } from '../errors/service-error.js';

/**
 * A request without a valid bearer token: the API answers 401. The message says why (no header,
 * not a Bearer token, bad signature, expired and when, wrong issuer or audience with the expected
 * and the given value, an algorithm that is not allowed, a missing claim and the key naming it),
 * never anything secret.
 */
export class AuthenticationError extends ServiceError {
  override readonly code = 'JOBS_UNAUTHENTICATED';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super('JOBS_UNAUTHENTICATED', message, options);
  }
}
