import { readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  createAuthenticator,
  DEVELOPMENT_JWKS_FILE,
  DEVELOPMENT_KEY_FILE,
  ensureDevelopmentKey,
  mintDevelopmentToken,
  usesDevelopmentKey,
} from '../../../jobs-service/auth/index.js';
import { ConfigError } from '../../../jobs-service/config/index.js';
import { useTempDir } from '../config/temp-dir.js';
import { bearer, serviceConfig } from './token-fixtures.js';

const temp = useTempDir('jobfloor-devkey-');

describe('ensureDevelopmentKey', () => {
  it('creates an ES256 key pair once, private file 0600, and reuses it afterwards', async () => {
    const dataDir = path.join(temp.dir(), 'data');
    const first = await ensureDevelopmentKey(dataDir);
    expect(first.created).toBe(true);
    expect(first.keyFile).toBe(path.join(dataDir, DEVELOPMENT_KEY_FILE));
    expect(first.privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: first.kid, d: expect.any(String) });
    if (process.platform !== 'win32') expect(statSync(first.keyFile!).mode & 0o777).toBe(0o600);
    const jwks = JSON.parse(readFileSync(path.join(dataDir, DEVELOPMENT_JWKS_FILE), 'utf8')) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toEqual([first.publicJwk]);
    expect(jwks.keys[0]).not.toHaveProperty('d');

    const again = await ensureDevelopmentKey(dataDir);
    expect(again.created).toBe(false);
    expect(again.kid).toBe(first.kid);
    expect(again.privateJwk).toEqual(first.privateJwk);
  });

  it('agrees on one key when called concurrently', async () => {
    const keys = await Promise.all(Array.from({ length: 5 }, () => ensureDevelopmentKey(temp.dir())));
    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
    expect(keys.filter((key) => key.created)).toHaveLength(1);
  });

  it('tightens the permissions of a key file that was made readable by others', async () => {
    if (process.platform === 'win32') return;
    const { keyFile } = await ensureDevelopmentKey(temp.dir());
    chmodSync(keyFile!, 0o644);
    await ensureDevelopmentKey(temp.dir());
    expect(statSync(keyFile!).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file, saying how to get a new one', async () => {
    writeFileSync(path.join(temp.dir(), DEVELOPMENT_KEY_FILE), '{"kty":"RSA"}');
    const error = await ensureDevelopmentKey(temp.dir()).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]!.message).toContain('delete it and a new key is created on the next start');
  });

  it('keeps the key of a memory:// data directory in memory, one per name', async () => {
    const first = await ensureDevelopmentKey('memory://auth-test');
    expect(first.keyFile).toBeUndefined();
    expect((await ensureDevelopmentKey('memory://auth-test')).kid).toBe(first.kid);
    expect((await ensureDevelopmentKey('memory://other')).kid).not.toBe(first.kid);
  });
});

describe('development mode authentication', () => {
  it('uses the development key only in development mode without configured keys', () => {
    expect(usesDevelopmentKey(serviceConfig({}))).toBe(true);
    expect(usesDevelopmentKey(serviceConfig({ auth: { hs256Secret: 's'.repeat(32) } }))).toBe(false);
    expect(usesDevelopmentKey(serviceConfig({ mode: 'production', auth: { jwksFile: '/x.json' } }))).toBe(false);
  });

  it('accepts tokens minted with the development key, with the admin role and more roles', async () => {
    const config = serviceConfig({ dataDir: temp.dir() });
    const authenticator = await createAuthenticator(config);
    const plain = await mintDevelopmentToken({ dataDir: temp.dir(), tenant: 'demo', user: 'alice' });
    expect(await authenticator.authenticate(bearer(plain))).toEqual({ tenantId: 'demo', userId: 'alice', roles: [], adminByRole: false });
    const admin = await mintDevelopmentToken({ dataDir: temp.dir(), tenant: 'demo', user: 'root', admin: true, roles: ['ops'] });
    expect(await authenticator.authenticate(bearer(admin))).toEqual({ tenantId: 'demo', userId: 'root', roles: ['ops', 'admin'], adminByRole: true });
  });

  it('follows the configured claim names, admin role, issuer and audience', async () => {
    const auth = { tenantClaim: 'org', userClaim: 'username', rolesClaim: 'groups', adminRole: 'boss', issuer: 'me', audience: 'you' };
    const config = serviceConfig({ dataDir: temp.dir(), auth });
    const token = await mintDevelopmentToken({ dataDir: temp.dir(), tenant: 't', user: 'u', admin: true, config });
    expect(await (await createAuthenticator(config)).authenticate(bearer(token))).toEqual({ tenantId: 't', userId: 'u', roles: ['boss'], adminByRole: true });
  });

  it('refuses a token of another data directory, and an expired development token', async () => {
    const authenticator = await createAuthenticator(serviceConfig({ dataDir: path.join(temp.dir(), 'service') }));
    const foreign = await mintDevelopmentToken({ dataDir: path.join(temp.dir(), 'elsewhere'), tenant: 'demo', user: 'alice' });
    await expect(authenticator.authenticate(bearer(foreign))).rejects.toThrow('bad signature');
    const expired = await mintDevelopmentToken({ dataDir: path.join(temp.dir(), 'service'), tenant: 'demo', user: 'alice', expiresIn: -3600 });
    await expect(authenticator.authenticate(bearer(expired))).rejects.toThrow(AuthenticationError);
    await expect(authenticator.authenticate(bearer(expired))).rejects.toThrow('the token expired at');
  });

  it('explains an expiry that is not a duration', async () => {
    await expect(mintDevelopmentToken({ dataDir: temp.dir(), tenant: 'demo', user: 'alice', expiresIn: 'soon' })).rejects.toThrow(
      "expiresIn 'soon' is not a duration; use a number and a unit such as 30m, 12h or 7d",
    );
  });
});
