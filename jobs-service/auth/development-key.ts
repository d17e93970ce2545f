/**
 * The development signing key: an ES256 key pair that development mode creates in the data
 * directory the first time it needs one and reuses afterwards, so that `jobfloor token` can mint
 * tokens that the service accepts without any identity provider. Production mode never uses it.
 */
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { ConfigError } from '../config/index.js';

/** The issuer of development tokens, checked unless auth.issuer is set. */
export const DEVELOPMENT_ISSUER = 'jobfloor-dev';
/** The audience of development tokens, checked unless auth.audience is set. */
export const DEVELOPMENT_AUDIENCE = 'jobfloor';
/** The private key's file name in the data directory (mode 0600). */
export const DEVELOPMENT_KEY_FILE = 'dev-signing-key.json';
/** The public key set's file name in the data directory. */
export const DEVELOPMENT_JWKS_FILE = 'dev-jwks.json';

/** The development key pair. */
export interface DevelopmentKey {
  /** The private key as a JWK (ES256, P-256), with `kid`. */
  readonly privateJwk: JWK;
  /** The public half, as published in the JWKS file. */
  readonly publicJwk: JWK;
  /** The key id: the key's JWK thumbprint (RFC 7638). */
  readonly kid: string;
  /** Where the private key is kept; undefined for an in-memory data directory. */
  readonly keyFile: string | undefined;
  /** Where the public key set is kept; undefined for an in-memory data directory. */
  readonly jwksFile: string | undefined;
  /** Whether this call created the key (false when an existing one was read). */
  readonly created: boolean;
}

/** Keys of `memory://` data directories, which have no files: one per directory name and process. */
const memoryKeys = new Map<string, Promise<DevelopmentKey>>();

/**
 * The development key of a data directory: read from `<dataDir>/dev-signing-key.json` when it
 * exists, else created there (mode 0600) together with `<dataDir>/dev-jwks.json`. Processes
 * starting at the same time agree on one key: the file is published with an atomic link. A
 * `memory://` data directory keeps its key in memory, for tests.
 */
export async function ensureDevelopmentKey(dataDir: string): Promise<DevelopmentKey> {
  if (dataDir.startsWith('memory://')) {
    const existing = memoryKeys.get(dataDir) ?? generateKey().then((jwk) => describeKey(jwk, undefined, undefined, true));
    memoryKeys.set(dataDir, existing);
    return existing;
  }
  const keyFile = path.join(dataDir, DEVELOPMENT_KEY_FILE);
  const jwksFile = path.join(dataDir, DEVELOPMENT_JWKS_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const created = (await readTextIfExists(keyFile)) === undefined && (await publishNewKey(keyFile));
  const privateJwk = parsePrivateKey(await readFile(keyFile, 'utf8'), keyFile);
  await keepPrivate(keyFile);
  const key = await describeKey(privateJwk, keyFile, jwksFile, created);
  await writeJwksFile(jwksFile, key.publicJwk);
  return key;
}

async function generateKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
}

async function readTextIfExists(keyFile: string): Promise<string | undefined> {
  try {
    return await readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes a new key beside the target and links it into place; false if another process got there first. */
async function publishNewKey(keyFile: string): Promise<boolean> {
  const draft = `${keyFile}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(draft, `${JSON.stringify(await generateKey(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, keyFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

function parsePrivateKey(text: string, keyFile: string): JWK {
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    jwk = undefined;
  }
  const key = jwk as JWK | undefined;
  if (key?.kty !== 'EC' || key.crv !== 'P-256' || typeof key.d !== 'string' || typeof key.x !== 'string' || typeof key.y !== 'string') {
    const message =
      'is not an ES256 (P-256) private key in JWK form; delete it and a new key is created on the next start (tokens signed with the old key stop working)';
    throw new ConfigError([{ source: `development key file ${keyFile}`, key: 'dataDir', message }]);
  }
  return key;
}

/** The private key file must be readable by its owner only; fix it if someone loosened it. */
async function keepPrivate(keyFile: string): Promise<void> {
  if (process.platform !== 'win32' && ((await stat(keyFile)).mode & 0o077) !== 0) await chmod(keyFile, 0o600);
}

async function describeKey(privateJwk: JWK, keyFile: string | undefined, jwksFile: string | undefined, created: boolean): Promise<DevelopmentKey> {
  const { kty, crv, x, y } = privateJwk;
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(privateJwk));
  const publicJwk: JWK = { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' };
  return { privateJwk: { ...privateJwk, kid }, publicJwk, kid, keyFile, jwksFile, created };
}

/** Writes the public key set when it is missing or stale, atomically, for tools that want to verify tokens too. */
async function writeJwksFile(jwksFile: string, publicJwk: JWK): Promise<void> {
  const text = `${JSON.stringify({ keys: [publicJwk] }, null, 2)}\n`;
  if ((await readTextIfExists(jwksFile)) === text) return;
  const draft = `${jwksFile}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(draft, text, { mode: 0o644 });
  await rename(draft, jwksFile);
}
