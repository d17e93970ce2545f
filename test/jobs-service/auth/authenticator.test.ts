import { describe, expect, it } from 'vitest';
import { AuthenticationError, createAuthenticator, type Authenticator } from '../../../jobs-service/auth/index.js';
import { ServiceError } from '../../../jobs-service/errors/service-error.js';
import { useTempDir } from '../config/temp-dir.js';
import { bearer, claims, keyPair, serviceConfig, sign, unsignedToken, writeJwks, writePem } from './token-fixtures.js';

const temp = useTempDir('jobfloor-auth-');
const secret = 'a-shared-secret-of-at-least-32-characters!';

/** The message of the AuthenticationError that authenticating with `header` rejects with. */
async function refusal(authenticator: Authenticator, header: string | undefined): Promise<string> {
  const error: unknown = await authenticator.authenticate(header).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  expect((error as AuthenticationError).code).toBe('JOBS_UNAUTHENTICATED');
  return (error as Error).message;
}

async function productionAuthenticator(auth: Record<string, unknown>): Promise<Authenticator> {
  return createAuthenticator(serviceConfig({ mode: 'production', dataDir: temp.dir(), auth }));
}

describe('valid tokens', () => {
  it('accepts RS256 signed by a key of the JWKS file', async () => {
    const rsa = await keyPair('RS256');
    const authenticator = await productionAuthenticator({ jwksFile: await writeJwks(temp.dir(), [rsa]) });
    const token = await sign(rsa.privateKey, 'RS256', claims(), { kid: 'key-0' });
    expect(await authenticator.authenticate(bearer(token))).toEqual({ tenantId: 'acme', userId: 'alice', roles: ['user'], adminByRole: false });
  });

  it('accepts ES256 signed by the PEM public key', async () => {
    const ec = await keyPair('ES256');
    const authenticator = await productionAuthenticator({ publicKeyFile: (await writePem(temp.dir(), ec)).file });
    const principal = await authenticator.authenticate(bearer(await sign(ec.privateKey, 'ES256')));
    expect(principal).toMatchObject({ tenantId: 'acme', userId: 'alice' });
    expect(Object.isFrozen(principal)).toBe(true);
  });

  it('accepts RS256 from a PEM RSA key and then refuses ES256, which that key cannot verify', async () => {
    const rsa = await keyPair('RS256');
    const authenticator = await productionAuthenticator({ publicKeyFile: (await writePem(temp.dir(), rsa)).file });
    await expect(authenticator.authenticate(bearer(await sign(rsa.privateKey, 'RS256')))).resolves.toMatchObject({ userId: 'alice' });
    const ec = await keyPair('ES256');
    expect(await refusal(authenticator, bearer(await sign(ec.privateKey, 'ES256')))).toBe("algorithm 'ES256' is not allowed; this service accepts RS256");
  });

  it('tries each key of a JWKS whose keys have no kid', async () => {
    const [first, second] = [await keyPair('ES256'), await keyPair('ES256')];
    const authenticator = await productionAuthenticator({ jwksFile: await writeJwks(temp.dir(), [first, second], { kids: false }) });
    await expect(authenticator.authenticate(bearer(await sign(second.privateKey, 'ES256')))).resolves.toMatchObject({ userId: 'alice' });
    const stranger = await keyPair('ES256');
    expect(await refusal(authenticator, bearer(await sign(stranger.privateKey, 'ES256')))).toBe('bad signature: the token was not signed by a key this service trusts');
  });
});

describe('algorithms', () => {
  it('accepts HS256 when auth.hs256Secret is configured', async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret });
    const token = await sign(new TextEncoder().encode(secret), 'HS256');
    await expect(authenticator.authenticate(bearer(token))).resolves.toMatchObject({ tenantId: 'acme' });
  });

  it('refuses HS256 signed with the public key as secret when no secret is configured (key confusion)', async () => {
    const rsa = await keyPair('RS256');
    const { file, pem } = await writePem(temp.dir(), rsa);
    const authenticator = await productionAuthenticator({ publicKeyFile: file });
    const forged = await sign(new TextEncoder().encode(pem), 'HS256');
    expect(await refusal(authenticator, bearer(forged))).toBe("algorithm 'HS256' is not allowed; this service accepts RS256");
  });

  it('checks HS256 against the secret only, never a public key, when both are configured', async () => {
    const rsa = await keyPair('RS256');
    const { file, pem } = await writePem(temp.dir(), rsa);
    const authenticator = await productionAuthenticator({ publicKeyFile: file, hs256Secret: secret });
    const forged = await sign(new TextEncoder().encode(pem), 'HS256');
    expect(await refusal(authenticator, bearer(forged))).toBe('bad signature: the token was not signed by a key this service trusts');
    await expect(authenticator.authenticate(bearer(await sign(rsa.privateKey, 'RS256')))).resolves.toMatchObject({ userId: 'alice' });
  });

  it("refuses alg 'none'", async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret });
    expect(await refusal(authenticator, bearer(unsignedToken()))).toBe("algorithm 'none' is not allowed; this service accepts HS256");
  });
});

describe('signatures and claims', () => {
  it('refuses a token signed by another key, and one whose payload was altered', async () => {
    const ec = await keyPair('ES256');
    const authenticator = await productionAuthenticator({ publicKeyFile: (await writePem(temp.dir(), ec)).file });
    const other = await keyPair('ES256');
    expect(await refusal(authenticator, bearer(await sign(other.privateKey, 'ES256')))).toBe('bad signature: the token was not signed by a key this service trusts');
    const [header, , signature] = (await sign(ec.privateKey, 'ES256')).split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify(claims({ tenant: 'other', exp: 9_999_999_999 }))).toString('base64url')}.${signature}`;
    expect(await refusal(authenticator, bearer(altered))).toBe('bad signature: the token was not signed by a key this service trusts');
  });

  it('refuses an expired token, saying when it expired, and allows the clock tolerance', async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret, clockToleranceSeconds: 60 });
    const key = new TextEncoder().encode(secret);
    const exp = Math.floor(Date.now() / 1000) - 3600;
    const message = await refusal(authenticator, bearer(await sign(key, 'HS256', claims({ exp }))));
    expect(message).toMatch(new RegExp(`^the token expired at ${new Date(exp * 1000).toISOString()} \\(now .+Z, clock tolerance 60s\\); get a new token$`));
    const justExpired = await sign(key, 'HS256', claims({ exp: Math.floor(Date.now() / 1000) - 30 }));
    await expect(authenticator.authenticate(bearer(justExpired))).resolves.toMatchObject({ userId: 'alice' });
  });

  it('refuses a token without exp', async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret });
    const token = await sign(new TextEncoder().encode(secret), 'HS256', claims(), { omitExp: true });
    expect(await refusal(authenticator, bearer(token))).toBe('the token has no exp claim; tokens must expire');
  });

  it('refuses a token that is not valid yet', async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret });
    const nbf = Math.floor(Date.now() / 1000) + 600;
    const message = await refusal(authenticator, bearer(await sign(new TextEncoder().encode(secret), 'HS256', claims({ nbf }))));
    expect(message).toContain(`the token is not valid yet: not before ${new Date(nbf * 1000).toISOString()}`);
  });

  it('refuses the wrong issuer and the wrong audience, naming the expected and the given value', async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret, issuer: 'https://id.example.org', audience: 'jobs' });
    const key = new TextEncoder().encode(secret);
    const wrongIssuer = await sign(key, 'HS256', claims({ iss: 'https://evil.example.org', aud: 'jobs' }));
    expect(await refusal(authenticator, bearer(wrongIssuer))).toBe(`wrong issuer: expected 'https://id.example.org' (auth.issuer), got "https://evil.example.org"`);
    const noIssuer = await sign(key, 'HS256', claims({ aud: 'jobs' }));
    expect(await refusal(authenticator, bearer(noIssuer))).toBe(`wrong issuer: expected 'https://id.example.org' (auth.issuer), got none`);
    const wrongAudience = await sign(key, 'HS256', claims({ iss: 'https://id.example.org', aud: ['files', 'apps'] }));
    expect(await refusal(authenticator, bearer(wrongAudience))).toBe(`wrong audience: expected 'jobs' (auth.audience), got ["files","apps"]`);
    const right = await sign(key, 'HS256', claims({ iss: 'https://id.example.org', aud: ['files', 'jobs'] }));
    await expect(authenticator.authenticate(bearer(right))).resolves.toMatchObject({ tenantId: 'acme' });
  });

  it('refuses a token without the tenant or the user claim, naming the claim and its config key', async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret });
    const key = new TextEncoder().encode(secret);
    expect(await refusal(authenticator, bearer(await sign(key, 'HS256', { sub: 'alice' })))).toBe(
      "the token has no 'tenant' claim, which names the tenant; issue tokens with it, or set auth.tenantClaim to the claim your tokens use",
    );
    expect(await refusal(authenticator, bearer(await sign(key, 'HS256', { tenant: 'acme' })))).toBe(
      "the token has no 'sub' claim, which names the user; issue tokens with it, or set auth.userClaim to the claim your tokens use",
    );
    expect(await refusal(authenticator, bearer(await sign(key, 'HS256', claims({ tenant: 42 }))))).toBe(
      "the token's 'tenant' claim (named by auth.tenantClaim) must be a non-empty string, got 42",
    );
  });

  it('reads custom claim names, and roles as an array or a separated string, with the admin role', async () => {
    const authenticator = await productionAuthenticator({
      hs256Secret: secret,
      tenantClaim: 'tapis/tenant_id',
      userClaim: 'tapis/username',
      rolesClaim: 'scope',
      adminRole: 'jobs:admin',
    });
    const key = new TextEncoder().encode(secret);
    const asString = await sign(key, 'HS256', { 'tapis/tenant_id': 'dev', 'tapis/username': 'bob', scope: 'jobs:read, jobs:admin  openid' });
    expect(await authenticator.authenticate(bearer(asString))).toEqual({ tenantId: 'dev', userId: 'bob', roles: ['jobs:read', 'jobs:admin', 'openid'], adminByRole: true });
    const asArray = await sign(key, 'HS256', { 'tapis/tenant_id': 'dev', 'tapis/username': 'bob', scope: ['jobs:read'] });
    expect(await authenticator.authenticate(bearer(asArray))).toEqual({ tenantId: 'dev', userId: 'bob', roles: ['jobs:read'], adminByRole: false });
    const noRoles = await sign(key, 'HS256', { 'tapis/tenant_id': 'dev', 'tapis/username': 'bob' });
    expect((await authenticator.authenticate(bearer(noRoles))).roles).toEqual([]);
    const badRoles = await sign(key, 'HS256', { 'tapis/tenant_id': 'dev', 'tapis/username': 'bob', scope: [1] });
    expect(await refusal(authenticator, bearer(badRoles))).toBe(
      "the token's 'scope' claim (named by auth.rolesClaim) must be an array of strings or a comma- or space-separated string, got [1]",
    );
  });

  it('makes the default admin role an administrator', async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret });
    const token = await sign(new TextEncoder().encode(secret), 'HS256', claims({ roles: ['user', 'admin'] }));
    expect((await authenticator.authenticate(bearer(token))).adminByRole).toBe(true);
  });
});

describe('the Authorization header', () => {
  it('says what is wrong with a missing, non-Bearer, empty or malformed header', async () => {
    const authenticator = await productionAuthenticator({ hs256Secret: secret });
    expect(await refusal(authenticator, undefined)).toBe('no Authorization header; send one as `Authorization: Bearer <token>`');
    expect(await refusal(authenticator, '  ')).toBe('no Authorization header; send one as `Authorization: Bearer <token>`');
    expect(await refusal(authenticator, 'Basic YWxpY2U6c2VjcmV0')).toBe(
      "the Authorization header is not a Bearer token (its scheme is 'Basic'); send `Authorization: Bearer <token>`",
    );
    expect(await refusal(authenticator, 'Bearer')).toBe('the Authorization header has no single token after Bearer; send `Authorization: Bearer <token>`');
    expect(await refusal(authenticator, 'Bearer not-a-jwt')).toMatch(/^the bearer token is not a well-formed JWT: /);
    const token = await sign(new TextEncoder().encode(secret), 'HS256');
    await expect(authenticator.authenticate(`bearer ${token}`)).resolves.toMatchObject({ userId: 'alice' });
  });

  it('raises an AuthenticationError that the API answers with 401', () => {
    const error = new AuthenticationError('no Authorization header');
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.httpStatus).toBe(401);
    expect(error.name).toBe('AuthenticationError');
  });
});
