/**
 * What the service trusts, from the configuration: the keys, the algorithms they verify (an
 * explicit allow-list, so `alg: none` and any algorithm without a configured key are refused),
 * and the issuer and audience to require. HS256 is allowed only with auth.hs256Secret: an HS256
 * token is never checked against a public key, which defeats the key-confusion attack.
 */
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { ConfigError, type ServiceConfig } from '../config/index.js';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, ensureDevelopmentKey } from './development-key.js';
import { readJwksFile, type KeyFileReading, type TrustedJwk } from './jwks-file.js';
import { readPemKeyFile } from './pem-key-file.js';

/** The keys and the rules tokens are checked with. */
export interface VerificationKeys {
  /** The algorithms a token may use, sorted. */
  readonly algorithms: readonly string[];
  /** Picks the key for a token's header: the HS256 secret, or the public keys for RS256/ES256. */
  readonly getKey: JWTVerifyGetKey;
  /** The required `iss`, if any. */
  readonly issuer: string | undefined;
  /** The required `aud`, if any. */
  readonly audience: string | undefined;
}

/**
 * Whether the service verifies tokens with the development key: in development mode when no
 * key is configured (no auth.jwksFile, auth.publicKeyFile or auth.hs256Secret).
 */
export function usesDevelopmentKey(config: ServiceConfig): boolean {
  const { jwksFile, publicKeyFile, hs256Secret } = config.auth;
  return config.mode === 'development' && !jwksFile && !publicKeyFile && !hs256Secret;
}

/** Loads the configured keys (or the development key); a ConfigError lists every unusable key file. */
export async function loadVerificationKeys(config: ServiceConfig): Promise<VerificationKeys> {
  const { auth } = config;
  if (usesDevelopmentKey(config)) {
    const key = await ensureDevelopmentKey(config.dataDir);
    const publicKeys = [key.publicJwk as TrustedJwk];
    return build(publicKeys, undefined, auth.issuer ?? DEVELOPMENT_ISSUER, auth.audience ?? DEVELOPMENT_AUDIENCE);
  }
  const readings: KeyFileReading[] = await Promise.all([
    auth.jwksFile === undefined ? { keys: [], issues: [] } : readJwksFile(auth.jwksFile),
    auth.publicKeyFile === undefined ? { keys: [], issues: [] } : readPemKeyFile(auth.publicKeyFile),
  ]);
  const issues = readings.flatMap((reading) => reading.issues);
  if (issues.length > 0) throw new ConfigError(issues);
  return build(readings.flatMap((reading) => reading.keys), auth.hs256Secret, auth.issuer, auth.audience);
}

function build(publicKeys: readonly TrustedJwk[], secret: string | undefined, issuer: string | undefined, audience: string | undefined): VerificationKeys {
  const keySet = publicKeys.length === 0 ? undefined : createLocalJWKSet({ keys: [...publicKeys] });
  const secretKey = secret === undefined ? undefined : new TextEncoder().encode(secret);
  const algorithms = [...new Set([...publicKeys.map((key) => key.alg), ...(secretKey === undefined ? [] : ['HS256'])])].sort();
  const getKey: JWTVerifyGetKey = async (header, token) => {
    // Only reached for an allowed algorithm: HS256 means a secret is configured, anything else a key set.
    if (header.alg === 'HS256' && secretKey !== undefined) return secretKey;
    if (header.alg !== 'HS256' && keySet !== undefined) return keySet(header, token);
    throw new Error(`no key for algorithm ${header.alg}; the allow-list should have refused it`);
  };
  return { algorithms, getKey, issuer, audience };
}
