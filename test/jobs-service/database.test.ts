import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../jobs-service/database/migrate.js';
import { engines, useServiceDatabase } from '../support/service-database.js';

describe.each(engines)('the service database on %s', (engine) => {
  const service = useServiceDatabase(engine);

  it('has applied every migration once, and applying again does nothing', async () => {
    const { rows } = await service.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => row.version)).toEqual(readMigrations().map((migration) => migration.version));
    expect(await migrate(service.db)).toEqual([]);
  });

  it('returns the same row shapes on both engines', async () => {
    const { rows } = await service.db.query(`SELECT 1::int8 AS big, 2.5::float8 AS real, now() AS at, '{"a":1}'::jsonb AS doc`);
    expect(rows[0]).toEqual({ big: 1, real: 2.5, at: expect.any(Date), doc: { a: 1 } });
  });

  it('rolls a failed transaction back and passes its error on', async () => {
    await service.db.script('CREATE TABLE scratch (x int)');
    const failing = service.db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch VALUES (1)');
      throw new Error('no');
    });
    await expect(failing).rejects.toThrow('no');
    expect((await service.db.query('SELECT * FROM scratch')).rows).toEqual([]);
  });

  it('delivers a NOTIFY sent in a transaction at commit to a listener', async () => {
    const received: string[] = [];
    const stop = await service.db.listen('test_channel', (payload) => received.push(payload));
    await service.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_notify('test_channel', 'hello')`);
    });
    await expect.poll(() => received).toEqual(['hello']);
    await stop();
  });
});
