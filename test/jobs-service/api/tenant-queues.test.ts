import { beforeAll, describe, expect, it } from 'vitest';
import { importDefinitions } from '../../../jobs-service/catalog/import-definitions.js';
import { useTestService } from '../../support/service-api.js';
import { installTestCatalog } from '../../support/service-catalog.js';
import { engines } from '../../support/service-database.js';

// Tenant acme's queues: tried from the highest priority down; DefaultQueue takes the rest.
const queues = [
  { name: 'Students', priority: 10, filter: { field: 'roles', op: 'contains', value: 'student' } },
  { name: 'Small', priority: 30, filter: { field: 'batchQueue', op: 'eq', value: 'small' } },
  { name: 'Wide', priority: 20, filter: { all: [{ field: 'nodeCount', op: 'ge', value: 2 }, { not: { field: 'appId', op: 'prefix', value: 'test-' } }] } },
];

const queue = (name: string): string => `jobfloor.jobq.acme.submit.${name}`;

describe.each(engines)('routing submissions to tenant queues over HTTP on %s', (engine) => {
  const api = useTestService(engine);
  beforeAll(async () => {
    await installTestCatalog(api.database.db, 'acme');
    await api.database.db.transaction((tx) => importDefinitions(tx, 'queues', 'acme', { queues }));
  });

  /** Submits as a user with `roles` and answers the tenant queue of the 202 response. */
  async function submit(roles: string[], body: Record<string, unknown>): Promise<{ id: string; tenantQueue: string }> {
    const token = await api.token({ sub: 'alice', roles });
    const response = await api.request('POST', '/jobs/v2', { token, body: { name: 'routed', appId: 'sleep', ...body } });
    expect(response.status, JSON.stringify(response.body)).toBe(202);
    return { id: response.body.result.id, tenantQueue: response.body.result.tenantQueue };
  }

  it.each([
    ['no queue matches', ['user'], {}, 'DefaultQueue'],
    ['only Wide matches', ['user'], { nodeCount: 3 }, 'Wide'],
    ['only Students matches', ['user', 'student'], {}, 'Students'],
    ['Small (30) and Students (10) match', ['student'], { batchQueue: 'small' }, 'Small'],
    ['Wide (20) and Students (10) match', ['student'], { nodeCount: 2 }, 'Wide'],
  ])('sends a submission where %s to that queue', async (_case, roles, body, expected) => {
    const { tenantQueue } = await submit(roles, body);
    expect(tenantQueue).toBe(queue(expected));
  });

  it('records the job on its queue: GET shows it and the work queue holds it there', async () => {
    const { id } = await submit(['student'], { nodeCount: 4 });
    await expect.poll(async () => (await api.request('GET', `/jobs/v2/${id}/status`)).body.result.status).toBe('PENDING');
    const job = await api.request('GET', `/jobs/v2/${id}`);
    expect(job.body.result).toMatchObject({ status: 'PENDING', tenantQueue: queue('Wide') });
    const { rows } = await api.database.db.query<{ tenant_queue: string }>('SELECT tenant_queue FROM work_queue WHERE job_uuid = $1', [id]);
    expect(rows).toEqual([{ tenant_queue: queue('Wide') }]);
  });

  it('routes by the new priorities once the queues are imported again', async () => {
    const reordered = queues.map((definition) => (definition.name === 'Students' ? { ...definition, priority: 40 } : definition));
    await api.database.db.transaction((tx) => importDefinitions(tx, 'queues', 'acme', reordered));
    expect((await submit(['student'], { nodeCount: 2 })).tenantQueue).toBe(queue('Students'));
    expect((await submit(['user'], { nodeCount: 2 })).tenantQueue).toBe(queue('Wide'));
  });
});
