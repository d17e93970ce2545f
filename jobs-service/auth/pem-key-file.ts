/**
 * Reads a PEM public key (`auth.publicKeyFile`, SPKI: `-----BEGIN PUBLIC KEY-----`). Its type
 * decides the one algorithm it verifies: RSA keys RS256, P-256 EC keys ES256.
 */
import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { exportJWK, importSPKI } from 'jose';
import type { ConfigIssue } from '../config/index.js';
import type { KeyFileReading, TrustedJwk } from './jwks-file.js';

/** Reads and checks a PEM public key file. */
export async function readPemKeyFile(file: string): Promise<KeyFileReading> {
  const issue = (message: string): KeyFileReading => ({ keys: [], issues: [{ source: `PEM file ${file}`, key: 'auth.publicKeyFile', message } satisfies ConfigIssue] });
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch (error) {
    return issue(`cannot be read: ${(error as Error).message}`);
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    return issue('holds a private key; give the public key only (`openssl pkey -in private.pem -pubout -out public.pem`)');
  }
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) {
    return issue('is not an SPKI public key (-----BEGIN PUBLIC KEY-----); convert it with `openssl pkey -pubin -in key.pem -out public.pem`');
  }
  const alg = algorithmOfPem(pem);
  if (alg.startsWith('not ')) return issue(alg);
  try {
    const key = await importSPKI(pem, alg, { extractable: true });
    return { keys: [{ ...(await exportJWK(key)), alg } as TrustedJwk], issues: [] };
  } catch (error) {
    return issue(`cannot be used: ${(error as Error).message}`);
  }
}

/** RS256 for an RSA key, ES256 for a P-256 key, or a message (starting `not `) saying what is wrong. */
function algorithmOfPem(pem: string): 'RS256' | 'ES256' | `not ${string}` {
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    return `not a readable public key: ${(error as Error).message}`;
  }
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  const curve = key.asymmetricKeyDetails?.namedCurve === undefined ? '' : ` on ${key.asymmetricKeyDetails.namedCurve}`;
  return `not an RSA or P-256 EC key (it is ${key.asymmetricKeyType ?? 'of an unknown type'}${curve}); jobfloor verifies RS256 and ES256`;
}
