import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { engines } from '../../support/service-database.js';
import { TEST_AUDIENCE, TEST_ISSUER, useTestService } from '../../support/service-api.js';
import { installTestCatalog } from '../../support/service-catalog.js';

describe.each(engines)('authentication and who sees what, on %s', (engine) => {
  const api = useTestService(engine);
  let alicesJob: string;

  beforeAll(async () => {
    await installTestCatalog(api.database.db, 'acme');
    await installTestCatalog(api.database.db, 'other');
    await api.database.db.query(`INSERT INTO tenant_admins (tenant_id, user_id) VALUES ('acme', 'carol')`);
    const { body } = await api.request('POST', '/jobs/v2', { body: { name: 'alices', appId: 'sleep' } });
    alicesJob = body.result.id;
    await vi.waitFor(async () => expect((await api.request('GET', `/jobs/v2/${alicesJob}/status`)).body.result.status).toBe('PENDING'));
  });

  async function expect401(token: string | null, why: RegExp): Promise<void> {
    const response = await api.request('GET', '/jobs/v2', { token });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.body).toMatchObject({ status: 'error', result: { code: 'JOBS_UNAUTHENTICATED' } });
    expect(response.body.message).toMatch(why);
  }

  it('refuses a request without a token', () => expect401(null, /authorization/i));

  it('refuses a token signed by another key', async () => {
    const stranger = await generateKeyPair('ES256');
    const token = await new SignJWT({ tenant: 'acme' }).setProtectedHeader({ alg: 'ES256' }).setSubject('alice')
      .setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('5m').sign(stranger.privateKey);
    await expect401(token, /signature/i);
  });

  it("refuses an unsigned token (alg: none)", async () => {
    const token = new UnsecuredJWT({ tenant: 'acme' }).setSubject('alice').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('5m').encode();
    await expect401(token, /alg|algorithm|none/i);
  });

  it('refuses an expired token, a token not yet valid, a wrong audience and a wrong issuer', async () => {
    await expect401(await api.token({}, { expiresIn: '-10m' }), /expired/i);
    await expect401(await api.token({}, { notBefore: '10m' }), /not valid yet|nbf/i);
    await expect401(await api.token({}, { audience: 'someone-else' }), /aud/i);
    await expect401(await api.token({}, { issuer: 'https://evil.test' }), /iss/i);
  });

  it('refuses a token without a tenant claim, naming the claim', async () => {
    await expect401(await api.token({ tenant: null }), /tenant/);
  });

  it("answers another tenant's job with 404, exactly like a missing one", async () => {
    const otherTenant = await api.token({ tenant: 'other', sub: 'alice' });
    for (const path of ['', '/status', '/history']) {
      const response = await api.request('GET', `/jobs/v2/${alicesJob}${path}`, { token: otherTenant });
      expect(response.status).toBe(404);
    }
    expect((await api.request('POST', `/jobs/v2/${alicesJob}/cancel`, { token: otherTenant })).status).toBe(404);
    const list = await api.request('GET', '/jobs/v2', { token: otherTenant });
    expect(list.body.result.jobs).toEqual([]);
  });

  it("hides another user's job from a user of the same tenant", async () => {
    const bob = await api.token({ sub: 'bob' });
    expect((await api.request('GET', `/jobs/v2/${alicesJob}`, { token: bob })).status).toBe(404);
    expect((await api.request('GET', '/jobs/v2', { token: bob })).body.result.jobs).toEqual([]);
  });

  it("shows a tenant administrator every job of the tenant, by role or by the administrator table", async () => {
    for (const token of [await api.token({ sub: 'dave', roles: ['admin'] }), await api.token({ sub: 'carol' })]) {
      expect((await api.request('GET', `/jobs/v2/${alicesJob}`, { token })).status).toBe(200);
      const owned = await api.request('GET', '/jobs/v2?owner=alice', { token });
      expect(owned.body.result.jobs.map((job: { id: string }) => job.id)).toContain(alicesJob);
    }
  });

  it('answers a malformed job id with 404 and never a 5xx', async () => {
    for (const id of ['not-a-uuid', '%20', 'x'.repeat(300)]) {
      const response = await api.request('GET', `/jobs/v2/${id}`);
      expect(response.status).toBe(404);
    }
  });
});
