/**
 * Vitest globalSetup: one PostgreSQL server per `vitest run`, shared by all test files.
 *
 * With DATABASE_URL set, that server is used (its user must be allowed to CREATE DATABASE);
 * otherwise a throwaway cluster is started and stopped again in teardown. Test files do not
 * connect to it directly: they get a private database from `useTestDatabase()` (./postgres.ts).
 */
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../../framework/testing/index.js';
import { compileForWorkers } from './compile-for-workers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser-ish connection string used to create and drop per-file test databases. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const compiled = compileForWorkers(project.config.env['JOBFLOOR_COMPILED_DIR']!);
  const existing = process.env.DATABASE_URL;
  if (existing) {
    project.provide('postgresAdminUrl', existing);
    await compiled;
    return async () => undefined;
  }
  const [postgres] = await Promise.all([startThrowawayPostgres(), compiled]);
  project.provide('postgresAdminUrl', postgres.connectionString);
  return () => postgres.stop();
}
