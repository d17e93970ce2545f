/**
 * The seed's get-content example (framework/examples/get-content) against a real PostgreSQL
 * database: the cache short path, the database path that fills the cache, the contentNotFound
 * flow, an SQL error handled by a job of its own, the deployer's team assignment, and the
 * flow-scoped connection going back to the pool.
 */
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobExecutionRecord, Office, RunTrace } from '../../../framework/index.js';
import { Cache } from '../../../framework/examples/get-content/cache.js';
import { createContentTable } from '../../../framework/examples/get-content/content-table.js';
import { contentOffice } from '../../../framework/examples/get-content/office.js';
import { useTestDatabase } from '../../support/postgres.js';

/** The application_name of the example's pool (framework/examples/get-content/database.ts). */
const EXAMPLE_APPLICATION = 'jobfloor-get-content';

const ROWS: ReadonlyArray<readonly [string, string]> = [
  ['home', 'Welcome home'],
  ['about', 'About jobfloor'],
  ...Array.from({ length: 12 }, (_, i) => [`page-${i}`, `Page number ${i}`] as const),
];

const db = useTestDatabase();
/** A connection of the test's own, to look at the database from outside the example. */
let observer: pg.Client;
let office: Office | undefined;

beforeAll(async () => {
  await createContentTable(db.url, ROWS);
  observer = new pg.Client({ connectionString: db.url, application_name: 'get-content-test-observer' });
  await observer.connect();
});

afterAll(async () => {
  await observer.end();
});

afterEach(async () => {
  await office?.stop();
  office = undefined;
  // Each test starts with no example connection left over from the previous one: pool.end() has
  // closed them, but a backend leaves pg_stat_activity a moment after its client disconnects.
  await waitFor(async () => (await exampleConnections()).length === 0, 'the example connections to close');
});

/** Starts the example office with a silent logger; afterEach stops it. */
async function startOffice(cache: Cache = new Cache()): Promise<Office> {
  office = contentOffice({ databaseUrl: db.url, cache });
  await office.start({ logger: pino({ level: 'silent' }) });
  return office;
}

/** The example's connections to this test file's database, as PostgreSQL sees them. */
async function exampleConnections(): Promise<Array<{ pid: number; state: string | null }>> {
  const result = await observer.query<{ pid: number; state: string | null }>(
    'SELECT pid, state FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
    [EXAMPLE_APPLICATION],
  );
  return result.rows;
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function nodesOf(trace: RunTrace): string[] {
  return trace.records.map((record) => record.node);
}

function recordAt(trace: RunTrace, node: string): JobExecutionRecord {
  const record = trace.records.find((r) => r.node === node);
  if (record === undefined) throw new Error(`no record for node '${node}' in ${nodesOf(trace).join(', ')}`);
  return record;
}

describe('the get-content example', () => {
  it('serves a cache hit without ever creating the database dependency', async () => {
    const cache = new Cache([['home', 'Cached home']]);
    const started = await startOffice(cache);

    const trace = await started.trace('get-content', 'home');

    expect(trace.outcome).toBe('completed');
    expect(trace.result).toBe('200 Cached home');
    expect(nodesOf(trace)).toEqual(['getContent', 'useContent']);
    expect(trace.records.every((record) => record.outcome === 'completed')).toBe(true);
    // No pool was created, so PostgreSQL never saw the example (the miss test shows that this
    // query does find the example's connection when there is one).
    expect(await exampleConnections()).toEqual([]);
  });

  it('reads a miss from the database, fills the cache, and serves the next request from it', async () => {
    const cache = new Cache();
    const started = await startOffice(cache);

    const miss = await started.trace('get-content', 'about');

    expect(miss.outcome).toBe('completed');
    expect(miss.result).toBe('200 About jobfloor');
    expect(nodesOf(miss)).toEqual(['getContent', 'getDatabaseContent', 'cacheContent', 'useContent']);
    expect(recordAt(miss, 'getContent').goto).toBe('doGetNonCachedContent');
    expect(cache.getContent('about')).toBe('About jobfloor');
    // The pool is open now, and the query the hit test relies on does see its connection.
    expect(await exampleConnections()).toHaveLength(1);

    const hit = await started.trace('get-content', 'about');

    expect(hit.outcome).toBe('completed');
    expect(hit.result).toBe('200 About jobfloor');
    expect(nodesOf(hit)).toEqual(['getContent', 'useContent']);
  });

  it('takes the contentNotFound flow for a key with no row', async () => {
    const cache = new Cache();
    const started = await startOffice(cache);

    const trace = await started.trace('get-content', 'nowhere');

    expect(trace.outcome).toBe('completed');
    expect(trace.result).toBe("404 no content for 'nowhere'");
    expect(nodesOf(trace)).toEqual(['getContent', 'getDatabaseContent', 'showNotFound']);
    expect(recordAt(trace, 'getDatabaseContent').goto).toBe('contentNotFound');
    expect(cache.getContent('nowhere')).toBeUndefined();
  });

  it('routes a database error to the showError handler job', async () => {
    const started = await startOffice();
    await observer.query('ALTER TABLE content_table RENAME TO content_table_moved');
    try {
      const trace = await started.trace('get-content', 'home');

      expect(trace.outcome).toBe('completed');
      expect(String(trace.result).startsWith('503')).toBe(true);
      expect(trace.result).toBe('503 the content database failed: relation "content_table" does not exist');
      expect(nodesOf(trace)).toEqual(['getContent', 'getDatabaseContent', 'showError']);
      const failed = recordAt(trace, 'getDatabaseContent');
      expect(failed.outcome).toBe('escalated');
      expect(failed.escalation).toBe('DatabaseError');
      expect(recordAt(trace, 'showError').outcome).toBe('completed');
    } finally {
      await observer.query('ALTER TABLE content_table_moved RENAME TO content_table');
    }
  });

  it("runs the database job on the deployer's 'db' team and the cache job inline", async () => {
    const started = await startOffice();

    const trace = await started.trace('get-content', 'page-0');

    expect(trace.result).toBe('200 Page number 0');
    expect(recordAt(trace, 'getContent').team).toBe('inline');
    expect(recordAt(trace, 'getDatabaseContent').team).toBe('db');
    // Jobs without a rule stay on the team of the job before them: no hop back.
    expect(recordAt(trace, 'cacheContent').team).toBe('db');
    expect(recordAt(trace, 'useContent').team).toBe('db');

    const database = started.teamAssignments.get('DatabaseJobs.getDatabaseContent');
    expect(database?.team).toBe('db');
    expect(database?.reason).toContain('dependency "ContentDatabase"');
    expect(started.teamAssignments.get('CacheJobs.getContent')?.team).toBeUndefined();
  });

  it('returns the flow-scoped connection to the pool when the run ends', async () => {
    const started = await startOffice();

    await started.invoke('get-content', 'page-1');
    // Released: the connection sits idle in the pool, not in a query or an open transaction.
    expect(await exampleConnections()).toEqual([{ pid: expect.any(Number), state: 'idle' }]);

    // More sequential misses than the pool has connections (max 4): each run must give its
    // connection back, or the fifth would wait for one forever. They reuse the same connection.
    for (let i = 2; i < 8; i++) {
      await expect(started.invoke('get-content', `page-${i}`)).resolves.toBe(`200 Page number ${i}`);
    }
    const afterSequential = await exampleConnections();
    expect(afterSequential).toHaveLength(1);
    expect(afterSequential[0]?.state).toBe('idle');

    // And concurrent misses, twice as many as the pool's connections.
    const keys = ['page-8', 'page-9', 'page-10', 'page-11', 'home', 'about', 'nowhere', 'missing'];
    const results = await Promise.all(keys.map((key) => started.invoke('get-content', key)));
    expect(results).toEqual([
      '200 Page number 8',
      '200 Page number 9',
      '200 Page number 10',
      '200 Page number 11',
      '200 Welcome home',
      '200 About jobfloor',
      "404 no content for 'nowhere'",
      "404 no content for 'missing'",
    ]);
    const afterConcurrent = await exampleConnections();
    expect(afterConcurrent.length).toBeGreaterThanOrEqual(1);
    expect(afterConcurrent.length).toBeLessThanOrEqual(4);
    expect(afterConcurrent.every((connection) => connection.state === 'idle')).toBe(true);
  });
});
