import { describe, expect, it } from 'vitest';
import { millisecondsUntilNextDue } from '../../../jobs-service/notifications/next-due.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';
import { changeThrough, jobWith } from './notification-fixtures.js';

describe.each(engines)('the next due notification on %s', (engine) => {
  const service = useServiceDatabase(engine);

  it('is nothing when the outbox has nothing pending, so an idle deliverer sets no timer', async () => {
    await service.db.query('DELETE FROM notification_outbox');
    expect(await millisecondsUntilNextDue(service.db)).toBeUndefined();
  });

  it('is due now for a notification just enqueued, and later for one whose retry waits', async () => {
    const uuid = await jobWith(service.db, [{ event: '*', url: 'http://127.0.0.1:9/hook', persistent: true }]);
    await changeThrough(service.db, uuid, ['PROCESSING_INPUTS']);
    expect(await millisecondsUntilNextDue(service.db)).toBe(0);
    await service.db.query(`UPDATE notification_outbox SET next_attempt_at = now() + interval '1 hour'`);
    expect(await millisecondsUntilNextDue(service.db)).toBeGreaterThan(3_000_000);
  });
});
