import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../jobs-service/database/database.js';
import { PostgresDatabase } from '../../../jobs-service/database/postgres-database.js';
import { claimNotifications } from '../../../jobs-service/notifications/claim-notifications.js';
import {
  NO_SMTP_CONFIGURED,
  NotificationDeliverer,
  type EmailMessage,
  type NotificationDelivererOptions,
  type NotificationSettled,
} from '../../../jobs-service/notifications/index.js';
import { settleNotification } from '../../../jobs-service/notifications/settle-notification.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';
import { LoopbackReceiver } from './loopback-receiver.js';
import { capturingLogger, changeThrough, happyPath, jobWith, outbox, quickRetries } from './notification-fixtures.js';

const publicUrl = 'https://jobs.example.org';
const poll = { timeout: 10_000 };

describe.each(engines)('delivering notifications on %s', (engine) => {
  const service = useServiceDatabase(engine);
  let receiver: LoopbackReceiver;
  const running: NotificationDeliverer[] = [];

  beforeAll(async () => {
    receiver = await LoopbackReceiver.start();
  });
  afterAll(() => receiver.close());
  afterEach(async () => {
    for (const deliverer of running.splice(0)) await deliverer.stop();
    receiver.answer = () => 200;
  });

  async function startDeliverer(options: Partial<NotificationDelivererOptions> = {}): Promise<NotificationDeliverer> {
    const deliverer = new NotificationDeliverer({ db: service.db, logger: capturingLogger().logger, publicUrl, settings: quickRetries, ...options });
    running.push(deliverer);
    await deliverer.start();
    return deliverer;
  }

  it('drains what was enqueued before it started, POSTing the JSON body', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `${receiver.url}/body/${'${JOB_ID}'}` }], 'body job');
    await startDeliverer();
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([{ status: 'PENDING', state: 'DELIVERED', attempts: 1, last_error: null }]);
    const [request] = receiver.to(`/body/${uuid}`);
    expect(request).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'jobfloor-notifications' } });
    const [row] = await outbox(service.db, uuid);
    const { rows } = await service.db.query<{ accepted: Date; created: Date; occurred: Date }>(
      'SELECT j.accepted, j.created, o.occurred FROM jobs j JOIN notification_outbox o ON o.job_uuid = j.uuid WHERE j.uuid = $1', [uuid]);
    const times = rows[0]!;
    expect(request!.body).toEqual({
      id: row!.id,
      event: 'PENDING',
      occurred: times.occurred.toISOString(),
      attempt: 1,
      notification: { index: 0, event: 'PENDING', persistent: false },
      job: {
        id: uuid,
        name: 'body job',
        status: 'PENDING',
        message: 'Job recorded and placed on queue jobfloor.jobq.acme.submit.DefaultQueue',
        url: `${publicUrl}/jobs/v2/${uuid}`,
        tenantId: 'acme',
        owner: 'alice',
        appId: 'sleep',
        systemId: 'sim',
        accepted: times.accepted.toISOString(),
        created: times.created.toISOString(),
        remoteSubmitted: null,
        remoteStarted: null,
        remoteEnded: null,
        ended: null,
        archive: false,
        archivePath: null,
        archiveSystem: null,
        archiveUrl: null,
        error: null,
      },
    });
  });

  it('is woken by a committed status change and sends each matching event once', async () => {
    const uuid = await jobWith(service.db, [{ event: '*', persistent: true, url: `${receiver.url}/woken/${'${JOB_ID}'}?status=${'${JOB_STATUS}'}` }]);
    await startDeliverer();
    await changeThrough(service.db, uuid, happyPath);
    const expected = ['ACCEPTED', 'PENDING', ...happyPath];
    await expect.poll(() => receiver.to(`/woken/${uuid}`).length, poll).toBe(expected.length);
    const sent = receiver.to(`/woken/${uuid}`).map((request) => new URL(request.url, receiver.url).searchParams.get('status'));
    expect(new Set(sent)).toEqual(new Set(expected));
    expect((await outbox(service.db, uuid)).every((row) => row.state === 'DELIVERED')).toBe(true);
  });

  it('fills the URL templates, percent-encoded', async () => {
    const template = `${receiver.url}/filled/${'${JOB_ID}'}/${'${JOB_STATUS}'}?name=${'${JOB_NAME}'}&job=${'${JOB_URL}'}&system=${'${JOB_SYSTEM}'}&error=${'${JOB_ERROR}'}`;
    const uuid = await jobWith(service.db, [{ event: 'FAILED', persistent: false, url: template }], 'a b&c/d');
    await service.db.query('UPDATE jobs SET status = $2 WHERE uuid = $1', [uuid, 'RUNNING']);
    await changeThrough(service.db, uuid, ['FAILED']);
    await startDeliverer();
    await expect.poll(() => receiver.to(`/filled/${uuid}`).length, poll).toBe(1);
    expect(receiver.to(`/filled/${uuid}`)[0]!.url).toBe(
      `/filled/${uuid}/FAILED?name=a%20b%26c%2Fd&job=https%3A%2F%2Fjobs.example.org%2Fjobs%2Fv2%2F${uuid}&system=sim&error=now%20FAILED`,
    );
  });

  it('retries after a 500 and then delivers', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `${receiver.url}/flaky/${'${JOB_ID}'}` }]);
    receiver.answer = (request) => (request.url.startsWith('/flaky/') && receiver.to('/flaky/').length === 1 ? 500 : 200);
    const settled: NotificationSettled[] = [];
    await startDeliverer({ onSettled: (event) => settled.push(event) });
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([{ state: 'DELIVERED', attempts: 2, last_error: null }]);
    expect(receiver.to(`/flaky/${uuid}`).map((request) => (request.body as { attempt: number }).attempt)).toEqual([1, 2]);
    expect(settled.map(({ outcome, attempts, error }) => ({ outcome, attempts, error }))).toEqual([
      { outcome: 'RETRY', attempts: 1, error: 'the receiver answered HTTP 500' },
      { outcome: 'DELIVERED', attempts: 2, error: undefined },
    ]);
  });

  it('gives up after the last attempt and keeps the last error', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `${receiver.url}/down/${'${JOB_ID}'}` }]);
    receiver.answer = (request) => (request.url.startsWith('/down/') ? 503 : 200);
    const { logger, lines } = capturingLogger();
    await startDeliverer({ logger });
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([
      { state: 'FAILED', attempts: 3, delivered_at: null, last_error: 'gave up after 3 attempts; the last one: the receiver answered HTTP 503' },
    ]);
    expect(receiver.to(`/down/${uuid}`)).toHaveLength(3);
    expect(lines.filter((line) => line['job'] === uuid).map((line) => [line['level'], line['msg']])).toEqual([
      [30, 'notifications: attempt failed; will retry'],
      [30, 'notifications: attempt failed; will retry'],
      [50, 'notifications: giving up'],
    ]);
  });

  it('retries a receiver that cannot be reached', async () => {
    const closed = await LoopbackReceiver.start();
    await closed.close();
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `${closed.url}/gone` }]);
    await startDeliverer();
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([{ state: 'FAILED', attempts: 3 }]);
    expect((await outbox(service.db, uuid))[0]!.last_error).toMatch(/^gave up after 3 attempts; the last one: ECONNREFUSED: /);
  });

  it('counts a receiver that does not answer in time as a failed attempt', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `${receiver.url}/silent/${'${JOB_ID}'}` }]);
    receiver.answer = (request) => (request.url.startsWith('/silent/') ? 'never' : 200);
    await startDeliverer({ settings: { ...quickRetries, maxAttempts: 1, requestTimeoutMs: 100 } });
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([
      { state: 'FAILED', attempts: 1, last_error: 'gave up after 1 attempt; the last one: no answer within 100 ms' },
    ]);
  });

  it('fails at once, without retrying, a URL that filling its templates made invalid', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `http://${'${JOB_NAME}'}.invalid/` }], 'a b');
    await startDeliverer();
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([
      { state: 'FAILED', attempts: 1, last_error: "'http://a%20b.invalid/' is not an http(s) URL once its templates are filled" },
    ]);
  });

  it('logs an email notification as undeliverable when no SMTP server is configured, and never retries it', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: 'ops@example.org' }]);
    const { logger, lines } = capturingLogger();
    await startDeliverer({ logger });
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([{ state: 'UNDELIVERABLE', attempts: 1, last_error: NO_SMTP_CONFIGURED }]);
    expect(lines.filter((line) => line['job'] === uuid)).toEqual([
      expect.objectContaining({ level: 40, msg: 'notifications: email notification is undeliverable', target: 'ops@example.org', event: 'PENDING', error: NO_SMTP_CONFIGURED }),
    ]);
  });

  it('hands email notifications to an email sender when one is given', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: 'ops@example.org' }], 'mailed');
    const sent: EmailMessage[] = [];
    await startDeliverer({ emailSender: { send: async (message) => void sent.push(message) } });
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([{ state: 'DELIVERED', attempts: 1 }]);
    expect(sent).toEqual([{ to: 'ops@example.org', subject: `Job mailed (${uuid}) PENDING`, text: expect.stringContaining(`"id": "${uuid}"`) }]);
  });

  it('leaves a notification leased to another deliverer alone until the lease runs out', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `${receiver.url}/leased/${'${JOB_ID}'}` }]);
    // A deliverer that claimed everything due and then died.
    const taken = await claimNotifications(service.db, 'crashed-deliverer', 1_000, 3_600_000);
    expect(taken.map((notification) => notification.job.uuid)).toContain(uuid);
    const deliverer = await startDeliverer({ owner: 'survivor' });
    expect(receiver.to(`/leased/${uuid}`)).toEqual([]);
    expect(await settleNotification(service.db, taken.find((n) => n.job.uuid === uuid)!.id, 'survivor', { outcome: 'DELIVERED' })).toBe(false);

    await service.db.query('UPDATE notification_outbox SET lease_expires_at = now() WHERE lease_owner = $1', ['crashed-deliverer']);
    deliverer.wake();
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([{ state: 'DELIVERED', attempts: 2 }]);
    expect(receiver.to(`/leased/${uuid}`).map((request) => (request.body as { attempt: number }).attempt)).toEqual([2]);
  });

  it('lets two deliverers share the outbox without sending any notification twice', async () => {
    const jobs = await Promise.all(
      Array.from({ length: 12 }, () => jobWith(service.db, [{ event: '*', persistent: true, url: `${receiver.url}/shared/${'${JOB_ID}'}` }])),
    );
    // On PostgreSQL the second deliverer has its own pool and LISTEN connection, as a second process would.
    const second: Database = engine === 'postgres' ? new PostgresDatabase({ connectionString: service.url! }) : service.db;
    try {
      const settings = { ...quickRetries, batchSize: 2 };
      const a = new NotificationDeliverer({ db: service.db, logger: capturingLogger().logger, publicUrl, settings, owner: 'a' });
      const b = new NotificationDeliverer({ db: second, logger: capturingLogger().logger, publicUrl, settings, owner: 'b' });
      running.push(a, b);
      await Promise.all([a.start(), b.start()]);
      await Promise.all(jobs.map((uuid) => changeThrough(service.db, uuid, ['PROCESSING_INPUTS', 'STAGING_INPUTS'])));
      await expect.poll(async () => (await Promise.all(jobs.map((uuid) => outbox(service.db, uuid)))).flat().filter((row) => row.state === 'DELIVERED').length, poll).toBe(jobs.length * 4);
      await Promise.all([a.stop(), b.stop()]);
      const ids = receiver.to('/shared/').map((request) => (request.body as { id: number }).id);
      expect(ids).toHaveLength(jobs.length * 4);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      if (second !== service.db) await second.close();
    }
  });

  it('records an attempt even when the onSettled listener throws, and logs the throw', async () => {
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `${receiver.url}/listener/${'${JOB_ID}'}` }]);
    const { logger, lines } = capturingLogger();
    await startDeliverer({ logger, onSettled: () => { throw new Error('listener bug'); } });
    await expect.poll(() => outbox(service.db, uuid), poll).toMatchObject([{ state: 'DELIVERED', attempts: 1 }]);
    expect(lines.filter((line) => line['job'] === uuid && line['level'] === 50)).toEqual([
      expect.objectContaining({ msg: 'notifications: the onSettled listener threw; the attempt is recorded all the same', err: expect.objectContaining({ message: 'listener bug' }) }),
    ]);
  });

  it('refuses to start twice and can start again after stopping', async () => {
    const deliverer = await startDeliverer();
    await expect(deliverer.start()).rejects.toThrow('NotificationDeliverer.start(): the deliverer is running; stop() it before starting it again.');
    await deliverer.stop();
    expect(deliverer.state).toBe('stopped');
    const uuid = await jobWith(service.db, [{ event: 'PENDING', persistent: false, url: `${receiver.url}/restart/${'${JOB_ID}'}` }]);
    await deliverer.start();
    await expect.poll(() => receiver.to(`/restart/${uuid}`).length, poll).toBe(1);
  });
});
