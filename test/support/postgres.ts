import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, dropDatabase, randomDatabaseName } from '../../framework/testing/index.js';

/** A database private to one test file (or describe block); see {@link useTestDatabase}. */
export interface TestDatabase {
  /** Connection string of the database. Readable only inside tests and hooks that run after creation. */
  readonly url: string;
}

/**
 * Gives the calling test file (or describe block) its own empty database on the shared server
 * started by test/support/global-setup.ts. Call it synchronously at module or describe level: it
 * registers a `beforeAll` that creates the database and an `afterAll` that drops it.
 *
 * @example
 * const db = useTestDatabase();
 * let pool: pg.Pool;
 * beforeAll(() => { pool = new pg.Pool({ connectionString: db.url }); });
 * afterAll(() => pool.end());   // registered after, so it runs before the drop
 * it('works', async () => { await pool.query('select 1'); });
 */
export function useTestDatabase(): TestDatabase {
  const name = randomDatabaseName();
  let url: string | undefined;

  beforeAll(async () => {
    url = await createDatabase(inject('postgresAdminUrl'), name);
  });
  afterAll(async () => {
    if (url === undefined) return;
    url = undefined;
    // WITH (FORCE) also disconnects pools the test forgot to end.
    await dropDatabase(inject('postgresAdminUrl'), name);
  });

  return {
    get url(): string {
      if (url === undefined) {
        throw new Error(
          'useTestDatabase(): the database does not exist yet (or was already dropped). Read `.url` inside a ' +
            'test or a hook, not at module level, and call useTestDatabase() at module or describe level.',
        );
      }
      return url;
    },
  };
}
