/**
 * intake: how fast the service accepts submissions over HTTP, and how long an accepted submission
 * waits to become a PENDING job. The service runs as its own process (`jobfloor serve`, API and
 * workers) on a throwaway PostgreSQL; this process is the load: CLIENTS concurrent HTTP clients
 * submitting the demo job for DURATION_MS after a warm-up. ACCEPTED-to-PENDING is read from the
 * jobs themselves (`created - accepted`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Pool } from 'undici';
import { mintDevelopmentToken } from '../jobs-service/auth/index.js';
import { DEMO_TENANT, demoSubmission } from '../jobs-service/catalog/demo-tenant.js';
import { startThrowawayPostgres } from '../framework/testing/index.js';
import { percentile, round } from './_measure.js';

const CLIENTS = Number(process.env['CLIENTS'] ?? 32);
const DURATION_MS = Number(process.env['DURATION_MS'] ?? 10_000);
const WARMUP_MS = 2_000;
const PORT = 18_080 + Math.floor(Math.random() * 1000);

const postgres = await startThrowawayPostgres();
const dataDir = mkdtempSync(join(tmpdir(), 'jobfloor-bench-intake-'));
let service: ChildProcess | undefined;
try {
  service = await startService(postgres.connectionString);
  const token = await mintDevelopmentToken({ dataDir, tenant: DEMO_TENANT, user: 'bench' });
  const origin = `http://127.0.0.1:${PORT}`;
  const client = new Pool(origin, { connections: CLIENTS, pipelining: 1 });
  const body = JSON.stringify(demoSubmission);
  const submit = async (): Promise<void> => {
    const response = await client.request({
      path: '/jobs/v2',
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    await response.body.text();
    if (response.statusCode !== 202) throw new Error(`submission answered ${response.statusCode}`);
  };

  await runClients(submit, WARMUP_MS);
  const measuredFrom = new Date();
  const submitted = await runClients(submit, DURATION_MS);
  const latencies = await acceptToPending(postgres.connectionString, measuredFrom, submitted);
  await client.close();

  const perSecond = submitted / (DURATION_MS / 1000);
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  console.log(`intake over HTTP: ${CLIENTS} concurrent clients for ${DURATION_MS / 1000} s, service and PostgreSQL 15 on this machine, node ${process.version}`);
  console.log(`submissions accepted: ${submitted} (${round(perSecond, 0)} per second)`);
  console.log(`ACCEPTED to PENDING: p50 ${round(p50, 2)} ms, p99 ${round(p99, 2)} ms over ${latencies.length} jobs`);
  console.log(JSON.stringify({ bench: 'intake', submits_per_s: round(perSecond, 0), accept_to_pending_p50_ms: round(p50, 2), accept_to_pending_p99_ms: round(p99, 2) }));
} finally {
  service?.kill('SIGTERM');
  await new Promise((resolve) => service?.once('exit', resolve) ?? resolve(undefined));
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Runs CLIENTS loops of `submit` for `ms`; resolves with the number of submissions made. */
async function runClients(submit: () => Promise<void>, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let count = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        await submit();
        count += 1;
      }
    }),
  );
  return count;
}

/** Waits until every measured submission is a job, then reads each one's ACCEPTED-to-PENDING time in ms. */
async function acceptToPending(url: string, from: Date, expected: number): Promise<number[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    for (;;) {
      const { rows } = await db.query<{ waiting: string }>('SELECT count(*) AS waiting FROM job_intake');
      if (Number(rows[0]!.waiting) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await db.query<{ ms: number }>(
      'SELECT extract(epoch FROM created - accepted) * 1000 AS ms FROM jobs WHERE accepted >= $1 ORDER BY ms',
      [from],
    );
    if (rows.length < expected) throw new Error(`only ${rows.length} of ${expected} submissions became jobs`);
    return rows.map((row) => Number(row.ms));
  } finally {
    await db.end();
  }
}

/** Starts `jobfloor serve` against PostgreSQL and resolves once it answers /health. */
async function startService(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/tools/jobfloor.js', 'serve', '--port', String(PORT), '--data-dir', dataDir, '--log-level', 'warn'], {
    // The intake alone: the job workers take no queue, so the lifecycle does not share the machine.
    env: { ...process.env, DATABASE_URL: databaseUrl, JOBFLOOR_WORKER_QUEUES: 'bench.intake.only' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('the service did not answer /health within 20 s');
}
