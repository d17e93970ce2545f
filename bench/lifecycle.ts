/**
 * lifecycle: jobs per second through the whole lifecycle (ACCEPTED to FINISHED) with a no-op
 * `sim` app on a throwaway PostgreSQL, with one and with two worker processes (`jobfloor serve
 * --worker`) beside one API process, and the database statements each job costs. JOBS jobs are
 * submitted over HTTP by 16 concurrent clients; the clock runs from the first submission until
 * the last job is FINISHED. Statements are counted in a separate run with the API and one worker
 * in this process, where the database interface counts them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Pool } from 'undici';
import { mintDevelopmentToken } from '../jobs-service/auth/index.js';
import { appRepository } from '../jobs-service/catalog/app-repository.js';
import { systemRepository } from '../jobs-service/catalog/system-repository.js';
import { loadServiceConfig } from '../jobs-service/config/index.js';
import type { Database } from '../jobs-service/database/database.js';
import { migrate } from '../jobs-service/database/migrate.js';
import { PostgresDatabase } from '../jobs-service/database/postgres-database.js';
import { JobsService } from '../jobs-service/service/jobs-service.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../framework/testing/index.js';
import { round } from './_measure.js';

const JOBS = Number(process.env['JOBS'] ?? 300);
const CLIENTS = 16;
const TENANT = 'bench';
const submission = JSON.stringify({ name: 'noop', appId: 'noop' });

const dataDir = mkdtempSync(join(tmpdir(), 'jobfloor-bench-lifecycle-'));
const children: ChildProcess[] = [];
try {
  const oneWorker = await jobsPerSecond(1);
  const twoWorkers = await jobsPerSecond(2);
  const statements = await statementsPerJob();
  console.log(`lifecycle of a no-op sim job, ${JOBS} jobs, ${CLIENTS} submitting clients, PostgreSQL 15 and all processes on this machine (${process.version})`);
  console.log(`1 worker process:  ${round(oneWorker, 1)} jobs/s`);
  console.log(`2 worker processes: ${round(twoWorkers, 1)} jobs/s (ratio ${round(twoWorkers / oneWorker, 2)})`);
  console.log(`database statements per job (API and worker, submission to FINISHED): ${round(statements, 1)}`);
  console.log(JSON.stringify({ bench: 'lifecycle', jobs_per_s_1_worker: round(oneWorker, 1), jobs_per_s_2_workers: round(twoWorkers, 1), statements_per_job: round(statements, 1) }));
} finally {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}

/** Defines the bench tenant: a sim system and an app whose program does nothing. */
async function installBenchTenant(db: Database): Promise<void> {
  await systemRepository(db).upsert(TENANT, { id: 'sim', type: 'execution', kind: 'sim', batchQueues: [{ name: 'normal', default: true }] });
  await appRepository(db).upsert(TENANT, { id: 'noop', version: '1', executionSystem: 'sim', command: ['sim', '${program}'], parameters: { program: { type: 'string', default: 'LOG noop' } }, inputs: {} });
}

async function withDatabase<T>(work: (postgres: ThrowawayPostgres, db: Database) => Promise<T>): Promise<T> {
  const postgres = await startThrowawayPostgres();
  const db = new PostgresDatabase({ connectionString: postgres.connectionString });
  try {
    await migrate(db);
    await installBenchTenant(db);
    return await work(postgres, db);
  } finally {
    await db.close();
    await postgres.stop();
  }
}

async function jobsPerSecond(workers: number): Promise<number> {
  return withDatabase(async (postgres, db) => {
    const port = 19_000 + Math.floor(Math.random() * 1000);
    const api = serve(postgres.connectionString, '--api', '--port', String(port));
    const workerProcesses = Array.from({ length: workers }, () => serve(postgres.connectionString, '--worker'));
    try {
      const url = `http://127.0.0.1:${port}`;
      await untilHealthy(url);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // the workers listen
      const started = performance.now();
      await submitAll(url);
      await untilFinished(db);
      return JOBS / ((performance.now() - started) / 1000);
    } finally {
      for (const child of [api, ...workerProcesses]) child.kill('SIGTERM');
      await Promise.all([api, ...workerProcesses].map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)))));
    }
  });
}

async function statementsPerJob(): Promise<number> {
  return withDatabase(async (_postgres, db) => {
    const config = loadServiceConfig({ argv: ['--port', '0', '--data-dir', dataDir, '--log-level', 'silent'], env: {} });
    const service = await JobsService.start(config, { database: db, logger: pino({ level: 'silent' }) });
    try {
      const before = db.statementCount;
      await submitAll(service.url);
      // The wait itself reads the database through the same interface: take its statements out.
      const waitStatements = await untilFinished(db);
      return (db.statementCount - before - waitStatements) / JOBS;
    } finally {
      await service.stop();
    }
  });
}

function serve(databaseUrl: string, ...flags: string[]): ChildProcess {
  const child = spawn(process.execPath, ['dist/tools/jobfloor.js', 'serve', '--data-dir', dataDir, '--log-level', 'warn', ...flags], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function untilHealthy(url: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if ((await fetch(`${url}/health`).catch(() => undefined))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the API did not answer /health within 30 s');
}

async function submitAll(url: string): Promise<void> {
  const token = await mintDevelopmentToken({ dataDir, tenant: TENANT, user: 'bench' });
  const client = new Pool(url, { connections: CLIENTS });
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < JOBS) {
        next += 1;
        const response = await client.request({ path: '/jobs/v2', method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: submission });
        await response.body.text();
        if (response.statusCode !== 202) throw new Error(`submission answered ${response.statusCode}`);
      }
    }),
  );
  await client.close();
}


/** Waits until every job is FINISHED; resolves with the statements the wait ran. */
async function untilFinished(db: Database): Promise<number> {
  for (let reads = 1; ; reads += 1) {
    const { rows } = await db.query<{ done: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE status = 'FINISHED')::int AS done, count(*) FILTER (WHERE status IN ('FAILED', 'STOPPED'))::int AS failed FROM jobs`,
    );
    if (rows[0]!.failed > 0) {
      const { rows: failed } = await db.query<{ message: string }>(`SELECT last_status_message AS message FROM jobs WHERE status IN ('FAILED', 'STOPPED') LIMIT 1`);
      throw new Error(`${rows[0]!.failed} jobs did not finish, for example: ${failed[0]?.message}`);
    }
    if (rows[0]!.done >= JOBS) return reads;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
