import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../../jobs-service/database/migrate.js';
import { NOTIFICATION_CHANNEL } from '../../../jobs-service/notifications/notification-channel.js';
import { changeStatus } from '../../../jobs-service/state/change-status.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';
import { changeThrough, happyPath, jobWith, outbox } from './notification-fixtures.js';

const hook = (event: string, persistent = false) => ({ event, persistent, url: `http://127.0.0.1:9/${event}` });

describe('the outbox migration', () => {
  it('wakes the deliverers on the channel they listen to', () => {
    const sql = readFileSync(`${migrationsFolder()}003_notifications.sql`, 'utf8');
    expect(sql).toContain(`pg_notify('${NOTIFICATION_CHANNEL}'`);
  });
});

describe.each(engines)('enqueueing notifications on %s', (engine) => {
  const service = useServiceDatabase(engine);

  it('enqueues a matching notification in the transaction of the status change, and not at all when it rolls back', async () => {
    const uuid = await jobWith(service.db, [hook('PROCESSING_INPUTS')]);
    const failed = service.db.transaction(async (tx) => {
      await changeStatus(tx, uuid, 'PROCESSING_INPUTS', 'inputs');
      const inside = await tx.query('SELECT status, state, attempts, target FROM notification_outbox WHERE job_uuid = $1', [uuid]);
      expect(inside.rows).toEqual([{ status: 'PROCESSING_INPUTS', state: 'PENDING', attempts: 0, target: 'http://127.0.0.1:9/PROCESSING_INPUTS' }]);
      throw new Error('roll back');
    });
    await expect(failed).rejects.toThrow('roll back');
    expect(await outbox(service.db, uuid)).toEqual([]);

    await changeThrough(service.db, uuid, ['PROCESSING_INPUTS']);
    expect(await outbox(service.db, uuid)).toMatchObject([{ status: 'PROCESSING_INPUTS', state: 'PENDING', attempts: 0, delivered_at: null }]);
  });

  it('copies the event, the message and the time of the status change into the row', async () => {
    const uuid = await jobWith(service.db, [hook('PROCESSING_INPUTS')]);
    const change = await service.db.transaction((tx) => changeStatus(tx, uuid, 'PROCESSING_INPUTS', 'processing the inputs'));
    const { rows } = await service.db.query('SELECT event, persistent, status, message, occurred, last_error FROM notification_outbox WHERE job_uuid = $1', [uuid]);
    expect(rows).toEqual([{ event: 'PROCESSING_INPUTS', persistent: false, status: 'PROCESSING_INPUTS', message: 'processing the inputs', occurred: change.at, last_error: null }]);
  });

  it('treats ACCEPTED, written when the intake records the job, as an event', async () => {
    const uuid = await jobWith(service.db, [hook('ACCEPTED'), hook('PENDING')]);
    const { rows } = await service.db.query<{ occurred: Date; accepted: Date }>(
      'SELECT o.occurred, j.accepted FROM notification_outbox o JOIN jobs j ON j.uuid = o.job_uuid WHERE o.job_uuid = $1 AND o.status = $2', [uuid, 'ACCEPTED']);
    expect(rows[0]!.occurred).toEqual(rows[0]!.accepted);
    expect((await outbox(service.db, uuid)).map((row) => [row.notification_index, row.status])).toEqual([[0, 'ACCEPTED'], [1, 'PENDING']]);
  });

  it('matches every status with * when persistent', async () => {
    const uuid = await jobWith(service.db, [hook('*', true)]);
    await changeThrough(service.db, uuid, happyPath);
    expect((await outbox(service.db, uuid)).map((row) => row.status)).toEqual(['ACCEPTED', 'PENDING', ...happyPath]);
  });

  it('fires a notification that is not persistent once, at its first matching event', async () => {
    const uuid = await jobWith(service.db, [hook('*'), hook('RUNNING'), hook('BLOCKED')]);
    await changeThrough(service.db, uuid, ['PROCESSING_INPUTS', 'STAGING_INPUTS', 'STAGED', 'STAGING_JOB', 'SUBMITTING', 'QUEUED', 'RUNNING', 'BLOCKED', 'RUNNING', 'BLOCKED']);
    expect((await outbox(service.db, uuid)).map((row) => [row.notification_index, row.status])).toEqual([[0, 'ACCEPTED'], [1, 'RUNNING'], [2, 'BLOCKED']]);
  });

  it('fires a persistent notification at every matching event', async () => {
    const uuid = await jobWith(service.db, [hook('RUNNING', true), hook('QUEUED')]);
    await changeThrough(service.db, uuid, ['PROCESSING_INPUTS', 'STAGING_INPUTS', 'STAGED', 'STAGING_JOB', 'SUBMITTING', 'QUEUED', 'RUNNING', 'BLOCKED', 'RUNNING', 'BLOCKED', 'RUNNING']);
    expect((await outbox(service.db, uuid)).map((row) => [row.notification_index, row.status])).toEqual([[1, 'QUEUED'], [0, 'RUNNING'], [0, 'RUNNING'], [0, 'RUNNING']]);
  });

  it('enqueues nothing for a job without notifications or for events nobody asked for', async () => {
    const quiet = await jobWith(service.db, []);
    const other = await jobWith(service.db, [hook('FAILED')]);
    await changeThrough(service.db, quiet, happyPath);
    await changeThrough(service.db, other, happyPath);
    expect(await outbox(service.db, quiet)).toEqual([]);
    expect(await outbox(service.db, other)).toEqual([]);
  });

  it('never fails a status change over a malformed notification: it skips it', async () => {
    const uuid = await jobWith(service.db, []);
    const entries = [1, { event: '*' }, { event: '*', url: 5 }, { event: '*', url: 'http://127.0.0.1:9/x', persistent: 'yes' }];
    await service.db.query('UPDATE jobs SET notifications = $2 WHERE uuid = $1', [uuid, JSON.stringify(entries)]);
    await changeThrough(service.db, uuid, ['PROCESSING_INPUTS']);
    const { rows } = await service.db.query('SELECT notification_index, persistent FROM notification_outbox WHERE job_uuid = $1', [uuid]);
    expect(rows).toEqual([{ notification_index: 3, persistent: false }]);
  });

  it('NOTIFYs the deliverers when the change commits', async () => {
    const uuid = await jobWith(service.db, [hook('PROCESSING_INPUTS')]);
    const received: string[] = [];
    const unlisten = await service.db.listen(NOTIFICATION_CHANNEL, (payload) => received.push(payload));
    await changeThrough(service.db, uuid, ['PROCESSING_INPUTS']);
    await expect.poll(() => received).toContain(uuid);
    await unlisten();
  });
});
