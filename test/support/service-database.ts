import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../jobs-service/database/database.js';
import { migrate } from '../../jobs-service/database/migrate.js';
import { PgliteDatabase } from '../../jobs-service/database/pglite-database.js';
import { PostgresDatabase } from '../../jobs-service/database/postgres-database.js';
import { useTestDatabase } from './postgres.js';

/** The two engines the jobs service runs on; service tests run against each (`describe.each(engines)`). */
export const engines = ['pglite', 'postgres'] as const;
export type EngineName = (typeof engines)[number];

/** A migrated, empty service database of one engine for the calling describe block. */
export interface ServiceTestDatabase {
  /** The open database; readable inside tests and hooks. */
  readonly db: Database;
  /** A PostgreSQL connection string (postgres engine only), e.g. for a second process. */
  readonly url: string | undefined;
}

/**
 * Gives the calling describe block its own migrated database on `engine`: an in-memory PGlite, or
 * a private database on the test PostgreSQL server. Call it at describe level.
 */
export function useServiceDatabase(engine: EngineName): ServiceTestDatabase {
  const postgres = engine === 'postgres' ? useTestDatabase() : undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    db = postgres ? new PostgresDatabase({ connectionString: postgres.url }) : await PgliteDatabase.open('memory://');
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    db = undefined;
  });
  return {
    get db(): Database {
      if (db === undefined) throw new Error('useServiceDatabase(): read .db inside a test or hook.');
      return db;
    },
    get url(): string | undefined {
      return postgres?.url;
    },
  };
}
