import { beforeAll, describe, expect, it } from 'vitest';
import { insertJob } from '../../support/service-jobs.js';
import { engines } from '../../support/service-database.js';
import { useTestService } from '../../support/service-api.js';
import { installTestCatalog } from '../../support/service-catalog.js';
import type { JobStatus } from '../../../jobs-service/model/job-status.js';

describe.each(engines)('job actions on %s', (engine) => {
  const api = useTestService(engine);
  beforeAll(() => installTestCatalog(api.database.db, 'acme'));

  /** A job of alice's in `status`, with the request a real submission would have stored. */
  const jobIn = (status: JobStatus) => insertJob(api.database.db, status, { request: { name: 'again', appId: 'sleep' } });
  const statusOf = async (id: string) => (await api.request('GET', `/jobs/v2/${id}/status`)).body.result.status as string;

  it('stops a job that no worker holds at once, takes it off its queue and records why', async () => {
    for (const action of ['cancel', 'kill', 'stop']) {
      const id = await jobIn('PENDING');
      const response = await api.request('POST', `/jobs/v2/${id}/${action}`);
      expect(response.status).toBe(200);
      expect(response.body.result).toMatchObject({ stopped: true, status: 'STOPPED' });
      expect(await statusOf(id)).toBe('STOPPED');
      const queue = await api.database.db.query('SELECT 1 FROM work_queue WHERE job_uuid = $1', [id]);
      expect(queue.rows).toEqual([]);
      const history = await api.request('GET', `/jobs/v2/${id}/history`);
      expect(history.body.result.at(-1)).toMatchObject({ from: 'PENDING', to: 'STOPPED', message: expect.stringContaining('alice') });
    }
  });

  it('asks the worker that holds a job to stop it, through NOTIFY, without changing its state itself', async () => {
    const id = await jobIn('RUNNING');
    await api.database.db.query(`UPDATE work_queue SET lease_owner = 'worker-1', lease_expires_at = now() + interval '1 minute' WHERE job_uuid = $1`, [id]);
    const heard: string[] = [];
    const stop = await api.database.db.listen('jobfloor_cancel', (payload) => heard.push(payload));
    const response = await api.request('POST', `/jobs/v2/${id}/cancel`);
    expect(response.status).toBe(202);
    expect(response.body.result).toMatchObject({ stopped: false, status: 'RUNNING' });
    await expect.poll(() => heard).toContain(id);
    expect((await api.request('GET', `/jobs/v2/${id}`)).body.result).toMatchObject({ status: 'RUNNING', cancelRequested: true });
    await stop();
  });

  it('refuses to cancel a job in a terminal state with a 409 that says why', async () => {
    for (const status of ['FINISHED', 'STOPPED', 'FAILED'] as const) {
      const response = await api.request('POST', `/jobs/v2/${await jobIn(status)}/cancel`);
      expect(response.status).toBe(409);
      expect(response.body.message).toContain(`already ${status}`);
    }
  });

  it('refuses every action on an ACCEPTED submission with a 409, and answers GET with its ACCEPTED status', async () => {
    await api.service.intake!.stop(); // keep the next submission ACCEPTED
    const { body } = await api.request('POST', '/jobs/v2', { body: { name: 'waiting', appId: 'sleep' } });
    const id = body.result.id as string;
    expect(await statusOf(id)).toBe('ACCEPTED');
    expect((await api.request('GET', `/jobs/v2/${id}`)).body.result).toMatchObject({ id, status: 'ACCEPTED', created: null });
    expect((await api.request('GET', `/jobs/v2/${id}/history`)).body.result.map((entry: { to: string }) => entry.to)).toEqual(['ACCEPTED']);
    expect((await api.request('GET', '/jobs/v2?limit=1000')).body.result.jobs.map((job: { id: string }) => job.id)).not.toContain(id);
    for (const [method, action] of [['POST', 'cancel'], ['POST', 'hide'], ['DELETE', 'hide'], ['POST', 'unhide'], ['POST', 'resubmit']]) {
      const response = await api.request(method!, `/jobs/v2/${id}/${action}`);
      expect(response.status, action).toBe(409);
      expect(response.body.message).toContain('ACCEPTED');
    }
    await api.service.intake!.start(); // wait: start() drains what accumulated
    expect(await statusOf(id)).toBe('PENDING');
  });

  it('hides a job from listings and history and shows it again; hiding twice is harmless', async () => {
    const id = await jobIn('FINISHED');
    const listed = async () => (await api.request('GET', '/jobs/v2?limit=1000')).body.result.jobs.map((job: { id: string }) => job.id);
    expect(await listed()).toContain(id);
    expect((await api.request('POST', `/jobs/v2/${id}/hide`)).status).toBe(200);
    expect((await api.request('DELETE', `/jobs/v2/${id}/hide`)).body.message).toContain('already hidden');
    expect(await listed()).not.toContain(id);
    expect((await api.request('GET', `/jobs/v2/${id}/history`)).status).toBe(404);
    expect((await api.request('GET', `/jobs/v2/${id}`)).body.result.visible).toBe(false);
    expect((await api.request('POST', `/jobs/v2/${id}/unhide`)).status).toBe(200);
    expect(await listed()).toContain(id);
  });

  it('resubmits a job that has left PENDING as a new job with the same request', async () => {
    const id = await jobIn('FAILED');
    const response = await api.request('POST', `/jobs/v2/${id}/resubmit`);
    expect(response.status).toBe(202);
    const copy = response.body.result;
    expect(copy.id).not.toBe(id);
    expect(copy).toMatchObject({ status: 'ACCEPTED', name: 'again', appId: 'sleep', owner: 'alice' });
    await expect.poll(() => statusOf(copy.id)).toBe('PENDING');
  });

  it('refuses to resubmit a PENDING job (409) or somebody else\'s job (403)', async () => {
    expect((await api.request('POST', `/jobs/v2/${await jobIn('PENDING')}/resubmit`)).status).toBe(409);
    const admin = await api.token({ sub: 'dave', roles: ['admin'] });
    const response = await api.request('POST', `/jobs/v2/${await jobIn('FINISHED')}/resubmit`, { token: admin });
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('alice');
  });
});
