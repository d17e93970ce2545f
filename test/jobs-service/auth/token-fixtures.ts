/** Keys, key files and tokens for the auth tests. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { base64url, exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { serviceConfigSchema, type ServiceConfig } from '../../../jobs-service/config/index.js';

/** A generated key pair for one algorithm. */
export interface TestKeyPair {
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/** A new key pair. */
export async function keyPair(alg: 'RS256' | 'ES256'): Promise<TestKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, privateKey, publicKey };
}

/** Writes a JWKS file with the public keys (with `kid`s unless told otherwise) and returns its path. */
export async function writeJwks(dir: string, pairs: readonly TestKeyPair[], options: { kids?: boolean } = {}): Promise<string> {
  const keys = await Promise.all(pairs.map(async (pair, index) => ({ ...(await exportJWK(pair.publicKey)), ...(options.kids === false ? {} : { kid: `key-${index}` }) })));
  const file = path.join(dir, 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys }));
  return file;
}

/** Writes the public key as an SPKI PEM file and returns its path and text. */
export async function writePem(dir: string, pair: TestKeyPair, name = 'public.pem'): Promise<{ file: string; pem: string }> {
  const pem = await exportSPKI(pair.publicKey);
  const file = path.join(dir, name);
  writeFileSync(file, pem);
  return { file, pem };
}

/** Standard claims for a valid token: tenant, user, roles, an hour to live. */
export function claims(overrides: JWTPayload = {}): JWTPayload {
  return { tenant: 'acme', sub: 'alice', roles: ['user'], ...overrides };
}

/** Signs claims; `exp` defaults to an hour from now (pass `exp: undefined` in `omit` to leave it out). */
export async function sign(
  key: CryptoKey | Uint8Array,
  alg: string,
  payload: JWTPayload = claims(),
  options: { kid?: string; omitExp?: boolean } = {},
): Promise<string> {
  const jwt = new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', ...(options.kid === undefined ? {} : { kid: options.kid }) }).setIssuedAt();
  if (payload.exp === undefined && options.omitExp !== true) jwt.setExpirationTime('1h');
  return jwt.sign(key);
}

/** An unsigned token (`alg: none`), as an attacker would send it. */
export function unsignedToken(payload: JWTPayload = claims({ exp: Math.floor(Date.now() / 1000) + 3600 })): string {
  const encode = (value: object) => base64url.encode(JSON.stringify(value));
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

/** A configuration from the schema, as the loader would produce it. */
export function serviceConfig(values: Record<string, unknown>): ServiceConfig {
  return serviceConfigSchema.parse(values);
}

/** `Bearer <token>`. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}
