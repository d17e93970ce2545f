import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, startThrowawayPostgres } from '../../../framework/testing/index.js';
import { useTestDatabase } from '../../support/postgres.js';

async function queryOnce<T extends pg.QueryResultRow>(connectionString: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Resolves true if something accepts TCP connections on 127.0.0.1:port. */
function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startThrowawayPostgres', () => {
  it('starts a working cluster and removes it completely on stop', { timeout: 60_000 }, async () => {
    const postgres = await startThrowawayPostgres();
    try {
      expect(postgres.connectionString).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/postgres`);
      expect(existsSync(postgres.dataDirectory)).toBe(true);
      expect(await queryOnce(postgres.connectionString, 'select 1 as one')).toEqual([{ one: 1 }]);

      const url = await createDatabase(postgres.connectionString, 'jobfloor_made_by_test');
      expect(url).toBe(`postgres://postgres@127.0.0.1:${postgres.port}/jobfloor_made_by_test`);
      expect(await queryOnce(url, 'select current_database() as name')).toEqual([{ name: 'jobfloor_made_by_test' }]);
      await dropDatabase(postgres.connectionString, 'jobfloor_made_by_test');
      const remaining = await queryOnce(
        postgres.connectionString,
        "select datname from pg_database where datname = 'jobfloor_made_by_test'",
      );
      expect(remaining).toEqual([]);
    } finally {
      await postgres.stop();
    }

    expect(existsSync(postgres.dataDirectory)).toBe(false);
    expect(await acceptsConnections(postgres.port)).toBe(false);
    await expect(postgres.stop()).resolves.toBeUndefined(); // idempotent
  });

  it('names the database randomly when no name is given', async () => {
    const admin = inject('postgresAdminUrl');
    const url = await createDatabase(admin);
    const name = new URL(url).pathname.slice(1);
    try {
      expect(name).toMatch(/^jobfloor_test_[0-9a-f]{12}$/);
      expect(await queryOnce(url, 'select current_database() as name')).toEqual([{ name }]);
    } finally {
      await dropDatabase(admin, name);
    }
  });

  it('explains how to fix a wrong binary directory', async () => {
    await expect(startThrowawayPostgres({ binDirectory: '/nonexistent/pg/bin' })).rejects.toThrow(
      /binDirectory is set to \/nonexistent\/pg\/bin/,
    );
  });
});

describe('useTestDatabase', () => {
  const first = useTestDatabase();
  const second = useTestDatabase();

  it('gives a working, empty database on the shared server', async () => {
    const admin = new URL(inject('postgresAdminUrl'));
    const url = new URL(first.url);
    expect(url.host).toBe(admin.host);
    expect(url.pathname).not.toBe(admin.pathname);

    const [row] = await queryOnce<{ name: string; tables: string }>(
      first.url,
      `select current_database() as name,
              (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')) as tables`,
    );
    expect(row).toEqual({ name: url.pathname.slice(1), tables: '0' });
  });

  it('gives each caller a distinct database', async () => {
    expect(second.url).not.toBe(first.url);
    await queryOnce(first.url, 'create table only_in_first (id int)');
    const [row] = await queryOnce<{ found: string | null }>(second.url, "select to_regclass('only_in_first')::text as found");
    expect(row).toEqual({ found: null });
  });
});

describe('useTestDatabase read too early', () => {
  const handle = useTestDatabase();
  // Reading at collection time, before beforeAll ran, is the mistake the error message is for.
  let earlyError: unknown;
  try {
    void handle.url;
  } catch (error) {
    earlyError = error;
  }

  it('throws a clear error before beforeAll and works after it', () => {
    expect(earlyError).toBeInstanceOf(Error);
    expect((earlyError as Error).message).toMatch(/does not exist yet/);
    expect(handle.url).toMatch(/\/jobfloor_test_[0-9a-f]{12}$/);
  });
});
