import { describe, expect, it } from 'vitest';
import { engines } from '../../support/service-database.js';
import { useTestService } from '../../support/service-api.js';
import { testApp, testSystems } from '../../support/service-catalog.js';

describe.each(engines)('systems and apps over REST on %s', (engine) => {
  const api = useTestService(engine);
  const [sim, store] = testSystems('/tmp/jobfloor-test-store');

  it('lets a tenant administrator create, read, list and replace systems and apps', async () => {
    const admin = await api.token({ sub: 'root', roles: ['admin'] });
    expect((await api.request('POST', '/systems/v2', { token: admin, body: sim })).status).toBe(201);
    expect((await api.request('POST', '/systems/v2', { token: admin, body: store })).status).toBe(201);
    expect((await api.request('POST', '/apps/v2', { token: admin, body: testApp })).status).toBe(201);
    const listed = await api.request('GET', '/systems/v2', { token: admin });
    expect(listed.body.result.map((system: { id: string }) => system.id)).toEqual(['sim', 'store']);
    const replaced = await api.request('PUT', '/apps/v2/sleep', { token: admin, body: { ...testApp, version: '2.0' } });
    expect(replaced.status).toBe(200);
    expect((await api.request('GET', '/apps/v2/sleep', { token: admin })).body.result.version).toBe('2.0');
  });

  it('lets users read but not write', async () => {
    expect((await api.request('GET', '/apps/v2/sleep')).status).toBe(200);
    expect((await api.request('GET', '/apps/v2')).body.result).toHaveLength(1);
    const refused = await api.request('POST', '/apps/v2', { body: { ...testApp, id: 'mine' } });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('administrators');
    expect((await api.request('PUT', '/apps/v2/sleep', { body: testApp })).status).toBe(403);
  });

  it('answers a duplicate with 409, a missing one with 404 and a bad definition with 400 naming each field', async () => {
    const admin = await api.token({ sub: 'root', roles: ['admin'] });
    expect((await api.request('POST', '/apps/v2', { token: admin, body: testApp })).status).toBe(409);
    expect((await api.request('GET', '/systems/v2/nope', { token: admin })).status).toBe(404);
    expect((await api.request('PUT', '/apps/v2/nope', { token: admin, body: { ...testApp, id: 'nope' } })).status).toBe(404);
    const negative = await api.request('POST', '/systems/v2', {
      token: admin,
      body: { ...sim, id: 'neg', batchQueues: [{ name: 'q', maxNodes: -1, maxJobs: -1 }] },
    });
    expect(negative.status).toBe(400);
    expect(negative.body.result.errors.map((error: { field: string }) => error.field)).toEqual(
      expect.arrayContaining(['batchQueues.0.maxNodes', 'batchQueues.0.maxJobs']),
    );
    const renamed = await api.request('PUT', '/apps/v2/sleep', { token: admin, body: { ...testApp, id: 'other' } });
    expect(renamed.status).toBe(400);
  });

  it("keeps each tenant's catalogue to itself", async () => {
    const stranger = await api.token({ tenant: 'other' });
    expect((await api.request('GET', '/apps/v2/sleep', { token: stranger })).status).toBe(404);
    expect((await api.request('GET', '/systems/v2', { token: stranger })).body.result).toEqual([]);
  });
});
