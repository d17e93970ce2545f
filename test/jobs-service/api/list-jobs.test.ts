import { beforeAll, describe, expect, it } from 'vitest';
import { insertJob } from '../../support/service-jobs.js';
import { engines } from '../../support/service-database.js';
import { useTestService } from '../../support/service-api.js';

describe.each(engines)('GET /jobs/v2 on %s', (engine) => {
  const api = useTestService(engine);
  const ids: string[] = [];

  beforeAll(async () => {
    // Ten jobs of alice's, alternating apps and states, created one after another; two of bob's.
    for (let i = 0; i < 10; i += 1) {
      ids.push(await insertJob(api.database.db, i % 2 === 0 ? 'PENDING' : 'RUNNING', { name: `job-${i}`, appId: i < 5 ? 'early' : 'late' }));
    }
    for (let i = 0; i < 2; i += 1) await insertJob(api.database.db, 'PENDING', { owner: 'bob', name: `bobs-${i}` });
  });

  const list = async (query: string, token?: string) => {
    const response = await api.request('GET', `/jobs/v2${query}`, token ? { token } : {});
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.result as { jobs: Array<{ id: string; name: string; status: string; owner: string }>; nextCursor: string | null };
  };

  it("lists the caller's own jobs, newest first by default", async () => {
    const { jobs } = await list('');
    expect(jobs.map((job) => job.id)).toEqual([...ids].reverse());
  });

  it('filters by status, app, name and creation time', async () => {
    expect((await list('?status=RUNNING')).jobs).toHaveLength(5);
    expect((await list('?status=RUNNING,PENDING')).jobs).toHaveLength(10);
    expect((await list('?appId=early')).jobs.map((job) => job.name).sort()).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
    expect((await list('?name=job-7')).jobs.map((job) => job.id)).toEqual([ids[7]]);
    const { rows } = await api.database.db.query<{ created: Date }>('SELECT created FROM jobs WHERE uuid = $1', [ids[5]]);
    const from = rows[0]!.created.toISOString();
    expect((await list(`?createdAfter=${from}&order=asc`)).jobs.map((job) => job.id)).toEqual(ids.slice(5));
    expect((await list(`?createdBefore=${from}&order=asc`)).jobs.map((job) => job.id)).toEqual(ids.slice(0, 5));
  });

  it('sorts by name, status or last update in either direction', async () => {
    expect((await list('?orderBy=name&order=asc')).jobs.map((job) => job.name)).toEqual([...Array(10).keys()].map((i) => `job-${i}`));
    const byStatus = (await list('?orderBy=status&order=desc')).jobs.map((job) => job.status);
    expect(byStatus).toEqual([...byStatus].sort().reverse());
  });

  it('pages with limit and offset, and with a cursor that walks every job exactly once', async () => {
    expect((await list('?order=asc&limit=3&offset=3')).jobs.map((job) => job.id)).toEqual(ids.slice(3, 6));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(`?order=asc&orderBy=name&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.jobs.map((job) => job.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(ids);
  });

  it('lets administrators list any owner and everyone, but users only themselves', async () => {
    const admin = await api.token({ sub: 'dave', roles: ['admin'] });
    expect((await list('?owner=bob', admin)).jobs.map((job) => job.owner)).toEqual(['bob', 'bob']);
    expect((await list('?limit=1000', admin)).jobs).toHaveLength(12);
    expect((await list('?owner=bob')).jobs.every((job) => job.owner === 'alice')).toBe(true);
  });

  it('answers bad query parameters with a 400 naming each', async () => {
    const response = await api.request('GET', '/jobs/v2?status=DONE&limit=0&orderBy=colour&offset=1&cursor=abc&extra=1');
    expect(response.status).toBe(400);
    const fields = response.body.result.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['status.0', 'limit', 'orderBy', 'extra']));
    expect((await api.request('GET', '/jobs/v2?cursor=bm9wZQ')).status).toBe(400);
  });
});
