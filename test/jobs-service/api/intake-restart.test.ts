import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { mintDevelopmentToken } from '../../../jobs-service/auth/index.js';
import { DEMO_TENANT, demoSubmission } from '../../../jobs-service/catalog/demo-tenant.js';
import { loadServiceConfig } from '../../../jobs-service/config/index.js';
import { migrate } from '../../../jobs-service/database/migrate.js';
import { PgliteDatabase } from '../../../jobs-service/database/pglite-database.js';
import { acceptSubmission } from '../../../jobs-service/intake/accept-submission.js';
import { IntakeWorker } from '../../../jobs-service/intake/intake-worker.js';
import { JobsService } from '../../../jobs-service/service/jobs-service.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';
import { newJob } from '../../support/service-jobs.js';
import { freePort } from '../../support/free-port.js';

const silent = pino({ level: 'silent' });
const temporaryDirs: string[] = [];
afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});
function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobfloor-restart-'));
  temporaryDirs.push(dir);
  return dir;
}

function developmentConfig(dataDir: string, ...flags: string[]) {
  // These tests are about the intake: the job workers take no queue, so the jobs stay PENDING.
  return loadServiceConfig({ argv: ['--port', '0', '--data-dir', dataDir, '--log-level', 'silent', '--queues', 'tests.no.jobs.run', ...flags], env: {} });
}

async function submitDemoJobs(url: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${url}/jobs/v2`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...demoSubmission, name: `restart-${i}` }),
    });
    expect(response.status).toBe(202);
    ids.push(((await response.json()) as { result: { id: string } }).result.id);
  }
  return ids;
}

describe.each(engines)('intake across a restart on %s', (engine) => {
  const database = useServiceDatabase(engine);

  it('turns submissions accepted by an API without workers into jobs when workers start', async () => {
    const dataDir = temporaryDir();
    const apiOnly = await JobsService.start(developmentConfig(dataDir, '--api'), { database: database.db, logger: silent });
    const token = await mintDevelopmentToken({ dataDir, tenant: DEMO_TENANT, user: 'demo-user' });
    const ids = await submitDemoJobs(apiOnly.url, token, 5);
    await apiOnly.stop();
    const { rows: waiting } = await database.db.query('SELECT uuid FROM job_intake');
    expect(waiting).toHaveLength(5);

    const workers = await JobsService.start(developmentConfig(dataDir, '--worker'), { database: database.db, logger: silent });
    const { rows } = await database.db.query<{ status: string }>('SELECT status FROM jobs WHERE uuid = ANY($1::uuid[])', [ids]);
    expect(rows.map((row) => row.status)).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING']);
    await workers.stop();
  });
});

describe('intake across a restart of the embedded database', () => {
  it('keeps accepted submissions on disk and makes them jobs when the service starts again', async () => {
    const dataDir = temporaryDir();
    const first = await PgliteDatabase.open(join(dataDir, 'pglite'));
    await migrate(first);
    const { uuid } = await acceptSubmission(first, newJob({ tenantId: DEMO_TENANT }));
    await first.close(); // the process "dies" after answering 202, before the intake ran

    const service = await JobsService.start(developmentConfig(dataDir), { logger: silent });
    const { rows } = await service.db.query('SELECT status FROM jobs WHERE uuid = $1', [uuid]);
    expect(rows).toEqual([{ status: 'PENDING' }]);
    await service.stop();
  });
});

describe('intake across a killed API process on PostgreSQL', () => {
  const database = useServiceDatabase('postgres');

  it('loses nothing when the API process is killed with SIGKILL right after answering 202', async () => {
    const dataDir = temporaryDir();
    const port = await freePort();
    const cli = join(process.env['JOBFLOOR_COMPILED_DIR']!, 'tools', 'jobfloor.js');
    const child = spawn(process.execPath, [cli, 'serve', '--api', '--port', String(port), '--data-dir', dataDir, '--log-level', 'silent'], {
      env: { ...process.env, DATABASE_URL: database.url! },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const url = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${url}/health`).catch(() => undefined))?.status, { timeout: 20_000, interval: 100 }).toBe(200);
    const token = await mintDevelopmentToken({ dataDir, tenant: DEMO_TENANT, user: 'demo-user' });
    const ids = await submitDemoJobs(url, token, 10);
    child.kill('SIGKILL');
    await exited;

    const intake = new IntakeWorker({ db: database.db, logger: silent, batchSize: 3, sweepIntervalMs: 60_000 });
    await intake.start();
    const { rows } = await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE uuid = ANY($1::uuid[]) AND status = 'PENDING'`, [ids]);
    expect(rows[0]!.n).toBe(10);
    await intake.stop();
  }, 60_000);
});
