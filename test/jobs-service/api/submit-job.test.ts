import { beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../support/service-database.js';
import { useTestService } from '../../support/service-api.js';
import { installTestCatalog } from '../../support/service-catalog.js';

const valid = { name: 'first', appId: 'sleep', parameters: { count: 2 } };

/** Each row: a submission that breaks one rule of seed 002, and the field its error names. */
const invalidSubmissions: Array<[string, Record<string, unknown>, string]> = [
  ['appId missing', { name: 'x' }, 'appId'],
  ['name missing', { appId: 'sleep' }, 'name'],
  ['appId longer than 64', { ...valid, appId: 'a'.repeat(65) }, 'appId'],
  ['name longer than 64', { ...valid, name: 'n'.repeat(65) }, 'name'],
  ['archivePath longer than 255', { ...valid, archive: true, archivePath: 'p'.repeat(256) }, 'archivePath'],
  ['archiveSystem longer than 64', { ...valid, archiveSystem: 's'.repeat(65) }, 'archiveSystem'],
  ['batchQueue longer than 255', { ...valid, batchQueue: 'q'.repeat(256) }, 'batchQueue'],
  ['archive true without archivePath', { ...valid, archive: true }, 'archivePath'],
  ['archive not a boolean', { ...valid, archive: 'yes' }, 'archive'],
  ['memoryPerNode with a bad unit', { ...valid, memoryPerNode: '2PB' }, 'memoryPerNode'],
  ['memoryPerNode as a number', { ...valid, memoryPerNode: 2 }, 'memoryPerNode'],
  ['memoryPerNode longer than 32', { ...valid, memoryPerNode: '1'.repeat(33) }, 'memoryPerNode'],
  ['maxRunTime not HH:mm:ss', { ...valid, maxRunTime: '2h' }, 'maxRunTime'],
  ['maxRunTime with 60 minutes', { ...valid, maxRunTime: '01:60:00' }, 'maxRunTime'],
  ['negative nodeCount', { ...valid, nodeCount: -1 }, 'nodeCount'],
  ['fractional nodeCount', { ...valid, nodeCount: 1.5 }, 'nodeCount'],
  ['nodeCount beyond any machine', { ...valid, nodeCount: 3e9 }, 'nodeCount'],
  ['negative processorsPerNode', { ...valid, processorsPerNode: -2 }, 'processorsPerNode'],
  ['negative processorsOnEachNode', { ...valid, processorsOnEachNode: -2 }, 'processorsOnEachNode'],
  ['executionSystem given', { ...valid, executionSystem: 'sim' }, 'executionSystem'],
  ['deprecated parameter', { ...valid, parameter: { count: 1 } }, 'parameter'],
  ['unknown field', { ...valid, colour: 'blue' }, 'colour'],
  ['notification without url', { ...valid, notifications: [{ event: 'FINISHED' }] }, 'notifications.0.url'],
  ['notification with an unknown event', { ...valid, notifications: [{ event: 'DONE', url: 'http://x.test/' }] }, 'notifications.0.event'],
  ['notification with an unknown template', { ...valid, notifications: [{ event: '*', url: 'http://x.test/${JOB_COLOUR}' }] }, 'notifications.0.url'],
  ['notification url neither URL nor email', { ...valid, notifications: [{ event: '*', url: 'not a url' }] }, 'notifications.0.url'],
  ['notification persistent not boolean', { ...valid, notifications: [{ event: '*', url: 'http://x.test/', persistent: 'yes' }] }, 'notifications.0.persistent'],
  ['unknown app', { ...valid, appId: 'nope' }, 'appId'],
  ['parameter the app does not declare', { ...valid, parameters: { colour: 'red' } }, 'parameters.colour'],
  ['parameter of the wrong type', { ...valid, parameters: { count: 'two' } }, 'parameters.count'],
  ['enum parameter with another value', { ...valid, parameters: { mode: 'medium' } }, 'parameters.mode'],
  ['input the app does not declare', { ...valid, inputs: { other: 'http://x.test/a' } }, 'inputs.other'],
  ['input path escaping with ..', { ...valid, inputs: { data: '../etc/passwd' } }, 'inputs.data'],
  ['unknown batch queue', { ...valid, batchQueue: 'huge' }, 'batchQueue'],
  ['more nodes than the queue allows', { ...valid, nodeCount: 5 }, 'nodeCount'],
  ['more memory than the queue allows', { ...valid, memoryPerNode: '32GB' }, 'memoryPerNode'],
  ['longer than the queue allows', { ...valid, maxRunTime: '25:00:00' }, 'maxRunTime'],
  ['archive system that is not a storage system', { ...valid, archive: true, archivePath: 'out', archiveSystem: 'sim' }, 'archiveSystem'],
];

describe.each(engines)('POST /jobs/v2 on %s', (engine) => {
  const api = useTestService(engine);
  beforeAll(() => installTestCatalog(api.database.db, 'acme'));

  it('accepts a valid submission with 202 and the submission response of seed 002', async () => {
    const response = await api.request('POST', '/jobs/v2', { body: { ...valid, archive: true, archivePath: '' , memoryPerNode: '512MB', maxRunTime: '00:30:00' } });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ status: 'success', version: expect.any(String), message: expect.any(String) });
    const job = response.body.result;
    expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(job).toMatchObject({
      name: 'first', tenantId: 'acme', owner: 'alice', status: 'ACCEPTED', appId: 'sleep', systemId: 'sim',
      tenantQueue: 'jobfloor.jobq.acme.submit.DefaultQueue', archive: true, archiveSystem: 'store',
      memoryPerNode: 0.5, maxHours: 0.5, nodeCount: 1, parameters: { count: 2, program: 'SLEEP 10' },
    });
    expect(new Date(job.accepted).toISOString()).toBe(job.accepted);
    expect(job._links.self.href).toBe(`${api.service.url}/jobs/v2/${job.id}`);
    expect(response.headers.get('location')).toBe(job._links.self.href);
  });

  it('records the job as PENDING, visible in the listing, with ACCEPTED then PENDING in its history', async () => {
    const { body } = await api.request('POST', '/jobs/v2', { body: valid });
    const id = body.result.id as string;
    await expect.poll(async () => (await api.request('GET', `/jobs/v2/${id}/status`)).body.result.status).toBe('PENDING');
    const history = await api.request('GET', `/jobs/v2/${id}/history`);
    expect(history.body.result.map((entry: { to: string }) => entry.to)).toEqual(['ACCEPTED', 'PENDING']);
    const list = await api.request('GET', '/jobs/v2?limit=1000');
    expect(list.body.result.jobs.map((job: { id: string }) => job.id)).toContain(id);
  });

  it.each(invalidSubmissions)('refuses a submission with %s, naming the field', async (_rule, body, field) => {
    const response = await api.request('POST', '/jobs/v2', { body });
    expect(response.status).toBe(400);
    expect(response.body.status).toBe('error');
    expect(response.body.result.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('reports every bad field of a submission at once', async () => {
    const response = await api.request('POST', '/jobs/v2', { body: { appId: 'a'.repeat(65), nodeCount: -1, maxRunTime: 'soon', colour: 1 } });
    expect(response.status).toBe(400);
    const fields = response.body.result.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['appId', 'name', 'nodeCount', 'maxRunTime', 'colour']));
  });

  it('requires Content-Type: application/json (415 otherwise)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const response = await api.request('POST', '/jobs/v2', { body: JSON.stringify(valid), headers: { 'content-type': type } });
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ status: 'error', result: { code: 'JOBS_UNSUPPORTED_MEDIA_TYPE' } });
    }
    const noType = await fetch(`${api.service.url}/jobs/v2`, { method: 'POST', headers: { authorization: `Bearer ${await api.token()}` }, body: new Uint8Array(Buffer.from(JSON.stringify(valid))) });
    expect(noType.status).toBe(415);
  });

  it('answers malformed JSON, an empty body, a non-object body and an oversized body with a 4xx in the envelope', async () => {
    const cases: Array<[string, number, string]> = [
      ['{"name": ', 400, 'JOBS_BAD_REQUEST'],
      ['', 400, 'JOBS_VALIDATION_FAILED'],
      ['[1,2]', 400, 'JOBS_VALIDATION_FAILED'],
      ['"text"', 400, 'JOBS_VALIDATION_FAILED'],
      [`{"name":"${'x'.repeat(1_100_000)}"}`, 413, 'JOBS_BODY_TOO_LARGE'],
    ];
    for (const [body, status, code] of cases) {
      const response = await api.request('POST', '/jobs/v2', { body, headers: { 'content-type': 'application/json' } });
      expect(response.status, body.slice(0, 20)).toBe(status);
      expect(response.body, body.slice(0, 20)).toMatchObject({ status: 'error', result: { code } });
    }
    const poisoned = await api.request('POST', '/jobs/v2', { body: '{"__proto__": {"admin": true}, "name": "x", "appId": "sleep"}' });
    expect(poisoned.status).toBe(400);
  });
});
