/**
 * The service's authenticator: a bearer token's signature is verified with jose against the
 * configured keys and an explicit algorithm allow-list, then `exp` (required), `nbf`, `iss` and
 * `aud` are checked, and the principal is read from the configured claims.
 */
import { decodeProtectedHeader, errors, jwtVerify, type JWTVerifyOptions, type JWTVerifyResult } from 'jose';
import type { ServiceConfig } from '../config/index.js';
import { AuthenticationError } from './authentication-error.js';
import { bearerToken } from './bearer-token.js';
import { principalFromClaims } from './claims.js';
import { algorithmNotAllowed, refusalOf } from './jose-errors.js';
import type { Authenticator, Principal } from './principal.js';
import { loadVerificationKeys, type VerificationKeys } from './verification-keys.js';

/**
 * An authenticator for the configuration: its key files are read (or, in development mode
 * without keys, the development key is created or read) now, so a bad key fails at start-up
 * with a ConfigError rather than on the first request.
 */
export async function createAuthenticator(config: ServiceConfig): Promise<Authenticator> {
  const keys = await loadVerificationKeys(config);
  return new JwtAuthenticator(keys, config.auth);
}

/** Verifies tokens with one set of keys and rules. */
class JwtAuthenticator implements Authenticator {
  readonly #keys: VerificationKeys;
  readonly #auth: ServiceConfig['auth'];
  readonly #options: JWTVerifyOptions;

  constructor(keys: VerificationKeys, auth: ServiceConfig['auth']) {
    this.#keys = keys;
    this.#auth = auth;
    this.#options = {
      algorithms: [...keys.algorithms],
      clockTolerance: auth.clockToleranceSeconds,
      requiredClaims: ['exp'],
      ...(keys.issuer === undefined ? {} : { issuer: keys.issuer }),
      ...(keys.audience === undefined ? {} : { audience: keys.audience }),
    };
  }

  async authenticate(authorizationHeader: string | undefined): Promise<Principal> {
    const token = bearerToken(authorizationHeader);
    const alg = this.#checkAlgorithm(token);
    try {
      const { payload } = await this.#verify(token);
      return principalFromClaims(payload, this.#auth);
    } catch (error) {
      const { algorithms, issuer, audience } = this.#keys;
      throw refusalOf(error, { algorithms, issuer, audience, alg, clockToleranceSeconds: this.#auth.clockToleranceSeconds });
    }
  }

  /** Refuses a token whose header names an algorithm outside the allow-list (jose checks again). */
  #checkAlgorithm(token: string): string | undefined {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch (error) {
      throw new AuthenticationError(`the bearer token is not a well-formed JWT: ${(error as Error).message}`, { cause: error });
    }
    if (typeof alg !== 'string' || !this.#keys.algorithms.includes(alg)) {
      throw new AuthenticationError(algorithmNotAllowed({ algorithms: this.#keys.algorithms, alg: typeof alg === 'string' ? alg : undefined }));
    }
    return alg;
  }

  /** jwtVerify; when several keys of a set match a token without `kid`, each is tried in turn. */
  async #verify(token: string): Promise<JWTVerifyResult> {
    try {
      return await jwtVerify(token, this.#keys.getKey, this.#options);
    } catch (error) {
      if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
      for await (const key of error) {
        try {
          return await jwtVerify(token, key, this.#options);
        } catch (inner) {
          if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
        }
      }
      throw new errors.JWSSignatureVerificationFailed();
    }
  }
}
