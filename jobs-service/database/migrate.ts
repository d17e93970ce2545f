import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../service/repository-root.js';
import type { Database } from './database.js';

/** One SQL file of `jobs-service/database/migrations/`, named `NNN_what-it-does.sql`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

// A fixed key for pg_advisory_xact_lock, so that two processes starting together migrate one
// after the other instead of both creating the same tables.
const MIGRATION_LOCK_KEY = 7_271_001;

/**
 * The migrations folder, `jobs-service/database/migrations/` of the repository (compiled copies
 * hold no SQL; they all read the repository's).
 */
export function migrationsFolder(): string {
  return `${join(repositoryRoot(), 'jobs-service', 'database', 'migrations')}/`;
}

/** Reads the migrations in version order; a badly named file is an error that names it. */
export function readMigrations(folder = migrationsFolder()): Migration[] {
  const migrations = readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
      if (match === null) throw new Error(`${folder}${file}: a migration must be named NNN_name.sql (for example 003_add-index.sql).`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(`${folder}${file}`, 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i += 1) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`${folder}: two migrations have version ${migrations[i]!.version}; give each file its own number.`);
    }
  }
  return migrations;
}

/**
 * Applies every migration not yet applied, in order, each in its own transaction together with
 * its row in `schema_migrations`, so each runs exactly once even when processes start together.
 * Resolves with the versions it applied.
 */
export async function migrate(db: Database, migrations: readonly Migration[] = readMigrations()): Promise<number[]> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.script(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rows.length > 0) return false;
      await tx.script(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
