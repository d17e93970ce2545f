/**
 * Reads the public keys of a JSON Web Key Set file (`auth.jwksFile`). Each key must be an RSA key
 * (for RS256) or a P-256 EC key (for ES256); a private or symmetric key is refused, so that a
 * leaked or misplaced file fails at start-up rather than at the first request.
 */
import { readFile } from 'node:fs/promises';
import { importJWK, type JWK } from 'jose';
import type { ConfigIssue } from '../config/index.js';

/** A public key the service trusts, with the one algorithm it verifies. */
export type TrustedJwk = JWK & { alg: 'RS256' | 'ES256' };

/** The keys of a JWKS file, or the issues that make it unusable. */
export interface KeyFileReading {
  readonly keys: readonly TrustedJwk[];
  readonly issues: readonly ConfigIssue[];
}

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** Reads and checks a JWKS file; keys marked `use: "enc"` are skipped, as they do not sign. */
export async function readJwksFile(file: string): Promise<KeyFileReading> {
  const issue = (message: string): ConfigIssue => ({ source: `JWKS file ${file}`, key: 'auth.jwksFile', message });
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { keys: [], issues: [issue(`cannot be read as JSON: ${(error as Error).message}`)] };
  }
  if (!isPlainObject(parsed) || !Array.isArray(parsed.keys)) {
    return { keys: [], issues: [issue('expected a JSON Web Key Set: an object with a "keys" array')] };
  }
  const results = await Promise.all(parsed.keys.map((key, index) => checkKey(key, `keys[${index}]`)));
  const issues = results.filter((result): result is string => typeof result === 'string').map(issue);
  const keys = results.filter((result): result is TrustedJwk => typeof result === 'object' && result !== null);
  if (issues.length === 0 && keys.length === 0) issues.push(issue('has no RS256 or ES256 signing key'));
  return { keys, issues };
}

/** The key with its algorithm, null for a key to skip, or a message saying what is wrong with it. */
async function checkKey(key: unknown, where: string): Promise<TrustedJwk | null | string> {
  if (!isPlainObject(key)) return `${where} is not a JSON object`;
  if (key.use === 'enc') return null;
  if (privateMembers.some((member) => member in key)) {
    return key.kty === 'oct'
      ? `${where} is a symmetric key; for HS256 set auth.hs256Secret instead`
      : `${where} holds a private key; publish only the public part (drop ${privateMembers.filter((m) => m in key).join(', ')})`;
  }
  const alg = algorithmOf(key);
  if (alg === undefined) return `${where} (kty ${JSON.stringify(key.kty)}, crv ${JSON.stringify(key.crv)}) is not an RSA or P-256 EC key; jobfloor verifies RS256 and ES256`;
  if (key.alg !== undefined && key.alg !== alg) return `${where} is for ${JSON.stringify(key.alg)}; jobfloor verifies RS256 (RSA keys) and ES256 (P-256 keys)`;
  const trusted = { ...key, alg } as TrustedJwk;
  try {
    await importJWK(trusted, alg);
  } catch (error) {
    return `${where} cannot be used: ${(error as Error).message}`;
  }
  return trusted;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function algorithmOf(key: Record<string, unknown>): 'RS256' | 'ES256' | undefined {
  if (key.kty === 'RSA') return 'RS256';
  if (key.kty === 'EC' && key.crv === 'P-256') return 'ES256';
  return undefined;
}
