/**
 * Runs the seed's example (`npm run example:get-content`): content from the cache, else from
 * PostgreSQL and then cached, else "not found"; an SQL error handled by a job of its own.
 * Uses DATABASE_URL when set, else starts a throwaway PostgreSQL cluster and removes it after.
 */
import pg from 'pg';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../testing/index.js';
import type { JobExecutionRecord } from '../../index.js';
import { createContentTable } from './content-table.js';
import { contentOffice } from './office.js';

const throwaway: ThrowawayPostgres | undefined = process.env['DATABASE_URL'] ? undefined : await startThrowawayPostgres();
const databaseUrl = process.env['DATABASE_URL'] ?? throwaway!.connectionString;
await createContentTable(databaseUrl, [
  ['home', 'Welcome home'],
  ['about', 'About jobfloor'],
]);

const office = contentOffice({ databaseUrl });
await office.start();
try {
  await show('home', 'a cache miss: the database is read and the cache filled');
  await show('home', 'a cache hit: the database is not touched');
  await show('nowhere', 'no such row: the contentNotFound flow');
  await withTableMoved(() => show('about', 'the table is gone: DatabaseError escalates to the showError job'));
} finally {
  await office.stop();
  await throwaway?.stop();
}

async function show(key: string, what: string): Promise<void> {
  const trace = await office.trace('get-content', key);
  console.log(`\nget-content '${key}' (${what})`);
  console.log(`  path:   ${trace.records.map(describe).join(' -> ')}`);
  console.log(`  result: ${trace.outcome === 'completed' ? String(trace.result) : `failed: ${String(trace.error)}`}`);
}

function describe(record: JobExecutionRecord): string {
  const escalated = record.outcome === 'escalated' ? ` !${record.escalation}` : '';
  return `${record.node}[${record.team}, ${record.runTimeMs.toFixed(2)} ms${escalated}]`;
}

async function withTableMoved(body: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('ALTER TABLE content_table RENAME TO content_table_moved');
  try {
    await body();
  } finally {
    await client.query('ALTER TABLE content_table_moved RENAME TO content_table');
    await client.end();
  }
}
