import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServiceConfig, redactServiceConfig } from '../../../jobs-service/config/index.js';
import { useTempDir } from './temp-dir.js';

const temp = useTempDir();

describe('loadServiceConfig defaults', () => {
  it('gives every default when no source sets anything', () => {
    const config = loadServiceConfig({ argv: [], env: {}, cwd: temp.dir() });
    expect(config).toEqual({
      mode: 'development',
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'http://127.0.0.1:8080',
      dataDir: path.join(temp.dir(), '.jobfloor'),
      roles: { api: true, worker: true },
      workerQueues: [],
      bodyLimitBytes: 1_048_576,
      logLevel: 'info',
      intake: { batchSize: 100, sweepIntervalMs: 30_000 },
      worker: { concurrency: 16, leaseMs: 30_000, maxAttempts: 5, monitorInitialDelayMs: 1_000, monitorMaxDelayMs: 30_000 },
      notifications: { batchSize: 10, sweepIntervalMs: 60_000, leaseMs: 60_000, requestTimeoutMs: 10_000, maxAttempts: 5, initialRetryDelayMs: 1_000, maxRetryDelayMs: 300_000 },
      auth: { tenantClaim: 'tenant', userClaim: 'sub', rolesClaim: 'roles', adminRole: 'admin', clockToleranceSeconds: 30 },
    });
  });

  it('returns a deeply frozen object', () => {
    const config = loadServiceConfig({ argv: [], env: {}, cwd: temp.dir() });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.auth)).toBe(true);
    expect(Object.isFrozen(config.workerQueues)).toBe(true);
  });

  it('derives publicUrl from host and port, with localhost for a wildcard host and brackets for IPv6', () => {
    const load = (host: string) => loadServiceConfig({ argv: ['--host', host, '--port', '9000'], env: {}, cwd: temp.dir() }).publicUrl;
    expect(load('jobs.internal')).toBe('http://jobs.internal:9000');
    expect(load('0.0.0.0')).toBe('http://localhost:9000');
    expect(load('::1')).toBe('http://[::1]:9000');
    const explicit = loadServiceConfig({ argv: ['--public-url', 'https://jobs.example.org/'], env: {}, cwd: temp.dir() });
    expect(explicit.publicUrl).toBe('https://jobs.example.org');
  });
});

describe('loadServiceConfig precedence: defaults < config file < environment < flags', () => {
  it('lets each source override the ones below it, key by key', () => {
    temp.write('jobfloor.config.json', { host: 'file-host', port: 1001, logLevel: 'warn', bodyLimitBytes: 10, auth: { issuer: 'file-iss', audience: 'file-aud' } });
    const env = { PORT: '2002', JOBFLOOR_LOG_LEVEL: 'debug', JOBFLOOR_AUTH_ISSUER: 'env-iss' };
    const config = loadServiceConfig({ argv: ['--port', '3003'], env, cwd: temp.dir() });
    expect(config.port).toBe(3003); // flag over environment over file
    expect(config.logLevel).toBe('debug'); // environment over file
    expect(config.host).toBe('file-host'); // file over default
    expect(config.bodyLimitBytes).toBe(10);
    expect(config.auth).toMatchObject({ issuer: 'env-iss', audience: 'file-aud', tenantClaim: 'tenant' }); // nested keys merge
    expect(config.mode).toBe('development'); // default
  });

  it('finds the file from --config, else JOBFLOOR_CONFIG, else ./jobfloor.config.json', () => {
    temp.write('jobfloor.config.json', { port: 1 });
    const fromEnv = temp.write('env.json', { port: 2 });
    const fromFlag = temp.write('flag.json', { port: 3 });
    const cwd = temp.dir();
    expect(loadServiceConfig({ argv: [], env: {}, cwd }).port).toBe(1);
    expect(loadServiceConfig({ argv: [], env: { JOBFLOOR_CONFIG: fromEnv }, cwd }).port).toBe(2);
    expect(loadServiceConfig({ argv: ['--config', fromFlag], env: { JOBFLOOR_CONFIG: fromEnv }, cwd }).port).toBe(3);
  });

  it('reads every environment variable and flag', () => {
    const env = {
      JOBFLOOR_MODE: 'production',
      HOST: '0.0.0.0',
      JOBFLOOR_PUBLIC_URL: 'https://jobs.example.org',
      JOBFLOOR_DATA_DIR: '/var/lib/jobfloor',
      DATABASE_URL: 'postgres://jobs:pw@db:5432/jobs',
      JOBFLOOR_WORKER_QUEUES: 'a, b,,c',
      JOBFLOOR_BODY_LIMIT: '2048',
      JOBFLOOR_AUTH_JWKS_FILE: '/etc/jobfloor/jwks.json',
      JOBFLOOR_AUTH_PUBLIC_KEY_FILE: 'keys/public.pem',
      JOBFLOOR_AUTH_HS256_SECRET: 'x'.repeat(32),
      JOBFLOOR_AUTH_AUDIENCE: 'jobs',
    };
    const config = loadServiceConfig({ argv: ['--worker', '--queues', 'q1,q2', '--log-level', 'trace', '--mode=production'], env, cwd: temp.dir() });
    expect(config).toMatchObject({
      mode: 'production',
      host: '0.0.0.0',
      publicUrl: 'https://jobs.example.org',
      dataDir: '/var/lib/jobfloor',
      databaseUrl: 'postgres://jobs:pw@db:5432/jobs',
      roles: { api: false, worker: true },
      workerQueues: ['q1', 'q2'],
      bodyLimitBytes: 2048,
      logLevel: 'trace',
      auth: { jwksFile: '/etc/jobfloor/jwks.json', publicKeyFile: path.join(temp.dir(), 'keys/public.pem'), hs256Secret: 'x'.repeat(32), audience: 'jobs' },
    });
    expect(loadServiceConfig({ argv: [], env: { JOBFLOOR_WORKER_QUEUES: 'a, b,,c' }, cwd: temp.dir() }).workerQueues).toEqual(['a', 'b', 'c']);
  });

  it('runs one role with --api or --worker alone, both with both, and otherwise what the file says', () => {
    const roles = (argv: string[]) => loadServiceConfig({ argv, env: {}, cwd: temp.dir() }).roles;
    expect(roles(['--api'])).toEqual({ api: true, worker: false });
    expect(roles(['--worker'])).toEqual({ api: false, worker: true });
    expect(roles(['--api', '--worker'])).toEqual({ api: true, worker: true });
    temp.write('jobfloor.config.json', { roles: { worker: false } });
    expect(roles([])).toEqual({ api: true, worker: false });
    expect(roles(['--worker'])).toEqual({ api: false, worker: true });
  });

  it('treats an empty environment variable as unset', () => {
    expect(loadServiceConfig({ argv: [], env: { PORT: '', JOBFLOOR_MODE: '' }, cwd: temp.dir() })).toMatchObject({ port: 8080, mode: 'development' });
  });

  it('resolves relative paths from the config file against its directory, others against cwd, and keeps memory:// as is', () => {
    temp.write('conf.json', { dataDir: 'data', auth: { jwksFile: 'keys/jwks.json' } });
    const cwd = path.join(temp.dir(), 'elsewhere');
    const config = loadServiceConfig({ argv: ['--config', '../conf.json'], env: { JOBFLOOR_AUTH_PUBLIC_KEY_FILE: 'public.pem' }, cwd });
    expect(config.dataDir).toBe(path.join(temp.dir(), 'data'));
    expect(config.auth.jwksFile).toBe(path.join(temp.dir(), 'keys/jwks.json'));
    expect(config.auth.publicKeyFile).toBe(path.join(cwd, 'public.pem'));
    expect(loadServiceConfig({ argv: ['--data-dir', 'memory://test'], env: {}, cwd }).dataDir).toBe('memory://test');
  });

  it('allows $schema in the file, for editors', () => {
    temp.write('jobfloor.config.json', { $schema: './schemas/jobfloor.config.schema.json', port: 7 });
    expect(loadServiceConfig({ argv: [], env: {}, cwd: temp.dir() }).port).toBe(7);
  });
});

describe('redactServiceConfig', () => {
  it('hides the HS256 secret and the database password', () => {
    const env = { JOBFLOOR_AUTH_HS256_SECRET: 's'.repeat(40), DATABASE_URL: 'postgres://jobs:secret@db/jobs' };
    const redacted = redactServiceConfig(loadServiceConfig({ argv: [], env, cwd: temp.dir() }));
    expect(redacted.auth.hs256Secret).toBe('(hidden)');
    expect(redacted.databaseUrl).toBe('postgres://jobs:***@db/jobs');
  });
});
