/**
 * Says why jose refused a token, in words a client can act on. Anything jose raises about the
 * token is a 401; anything else is a bug and passes through.
 */
import { errors } from 'jose';
import { AuthenticationError } from './authentication-error.js';

/** What the messages need to know about the check that failed. */
export interface RefusalContext {
  readonly algorithms: readonly string[];
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly clockToleranceSeconds: number;
  /** The token's header `alg`, if it could be read. */
  readonly alg: string | undefined;
}

/** The AuthenticationError for a jose error; other errors are returned unchanged. */
export function refusalOf(error: unknown, context: RefusalContext): unknown {
  if (!(error instanceof errors.JOSEError)) return error;
  return new AuthenticationError(reasonOf(error, context), { cause: error });
}

function reasonOf(error: errors.JOSEError, context: RefusalContext): string {
  if (error instanceof errors.JWTExpired) return expired(error, context);
  if (error instanceof errors.JWTClaimValidationFailed) return claimFailure(error, context);
  if (error instanceof errors.JOSEAlgNotAllowed) return algorithmNotAllowed(context);
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature: the token was not signed by a key this service trusts';
  if (error instanceof errors.JWKSNoMatchingKey) return 'bad signature: no key this service trusts matches the token (its kid and alg)';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return `the bearer token is not a well-formed JWT: ${error.message}`;
  return `the bearer token was refused: ${error.message}`;
}

/** `algorithm 'none' is not allowed; this service accepts ES256, RS256`. */
export function algorithmNotAllowed(context: Pick<RefusalContext, 'algorithms' | 'alg'>): string {
  return `algorithm '${context.alg ?? '(none given)'}' is not allowed; this service accepts ${context.algorithms.join(', ')}`;
}

function expired(error: errors.JWTExpired, context: RefusalContext): string {
  const exp = error.payload.exp;
  if (error.claim !== 'exp' || typeof exp !== 'number') return `the token is too old: ${error.message}`;
  return `the token expired at ${isoTime(exp)} (now ${isoTime(Date.now() / 1000)}, clock tolerance ${context.clockToleranceSeconds}s); get a new token`;
}

function claimFailure(error: errors.JWTClaimValidationFailed, context: RefusalContext): string {
  const { claim, reason, payload } = error;
  if (claim === 'nbf' && typeof payload.nbf === 'number') {
    return `the token is not valid yet: not before ${isoTime(payload.nbf)} (now ${isoTime(Date.now() / 1000)}, clock tolerance ${context.clockToleranceSeconds}s)`;
  }
  if (claim === 'iss') return `wrong issuer: expected '${context.issuer}' (auth.issuer), got ${describeClaim(payload.iss)}`;
  if (claim === 'aud') return `wrong audience: expected '${context.audience}' (auth.audience), got ${describeClaim(payload.aud)}`;
  if (claim === 'exp' && reason === 'missing') return 'the token has no exp claim; tokens must expire';
  return `the token's '${claim}' claim is not acceptable: ${error.message}`;
}

function describeClaim(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}

function isoTime(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString();
}
