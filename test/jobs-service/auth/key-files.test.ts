import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../jobs-service/auth/index.js';
import { ConfigError, type ConfigIssue } from '../../../jobs-service/config/index.js';
import { useTempDir } from '../config/temp-dir.js';
import { keyPair, serviceConfig } from './token-fixtures.js';

const temp = useTempDir('jobfloor-keys-');

/** The issues of the ConfigError that creating an authenticator with `auth` throws. */
async function keyIssues(auth: Record<string, unknown>): Promise<ConfigIssue[]> {
  const error: unknown = await createAuthenticator(serviceConfig({ mode: 'production', auth })).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return [...(error as ConfigError).issues];
}

describe('key files are checked at start-up', () => {
  it('reports every unusable key of a JWKS file, and an unreadable PEM file, together', async () => {
    const ec = await keyPair('ES256');
    const jwksFile = temp.write('jwks.json', {
      keys: [
        await exportJWK(ec.privateKey),
        { kty: 'oct', k: 'c2VjcmV0' },
        { kty: 'OKP', crv: 'Ed25519', x: 'abc' },
        { ...(await exportJWK((await keyPair('RS256')).publicKey)), alg: 'RS512' },
        { ...(await exportJWK(ec.publicKey)), use: 'enc' },
      ],
    });
    const publicKeyFile = path.join(temp.dir(), 'missing.pem');
    const issues = await keyIssues({ jwksFile, publicKeyFile });
    expect(issues.map((issue) => `${issue.source} | ${issue.key} | ${issue.message}`)).toEqual([
      `JWKS file ${jwksFile} | auth.jwksFile | keys[0] holds a private key; publish only the public part (drop d)`,
      `JWKS file ${jwksFile} | auth.jwksFile | keys[1] is a symmetric key; for HS256 set auth.hs256Secret instead`,
      `JWKS file ${jwksFile} | auth.jwksFile | keys[2] (kty "OKP", crv "Ed25519") is not an RSA or P-256 EC key; jobfloor verifies RS256 and ES256`,
      `JWKS file ${jwksFile} | auth.jwksFile | keys[3] is for "RS512"; jobfloor verifies RS256 (RSA keys) and ES256 (P-256 keys)`,
      `PEM file ${publicKeyFile} | auth.publicKeyFile | cannot be read: ENOENT: no such file or directory, open '${publicKeyFile}'`,
    ]);
  });

  it('refuses a JWKS file that is not a key set, or has no signing key', async () => {
    const notJson = temp.write('a.json', 'nope');
    expect((await keyIssues({ jwksFile: notJson }))[0]!.message).toMatch(/^cannot be read as JSON: /);
    const noKeys = temp.write('b.json', { keys: [] });
    expect((await keyIssues({ jwksFile: noKeys }))[0]!.message).toBe('has no RS256 or ES256 signing key');
    const notASet = temp.write('c.json', { kty: 'EC' });
    expect((await keyIssues({ jwksFile: notASet }))[0]!.message).toBe('expected a JSON Web Key Set: an object with a "keys" array');
  });

  it('refuses a PEM private key, a non-SPKI file and an unsupported curve', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privatePem = temp.write('private.pem', await exportPKCS8(privateKey));
    expect((await keyIssues({ publicKeyFile: privatePem }))[0]!.message).toBe(
      'holds a private key; give the public key only (`openssl pkey -in private.pem -pubout -out public.pem`)',
    );
    const text = temp.write('text.pem', 'hello');
    expect((await keyIssues({ publicKeyFile: text }))[0]!.message).toMatch(/^is not an SPKI public key/);
    const { publicKey } = await generateKeyPair('ES384', { extractable: true });
    const p384 = path.join(temp.dir(), 'p384.pem');
    writeFileSync(p384, await exportSPKI(publicKey));
    expect((await keyIssues({ publicKeyFile: p384 }))[0]!.message).toBe(
      'not an RSA or P-256 EC key (it is ec on secp384r1); jobfloor verifies RS256 and ES256',
    );
  });
});
