import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadServiceConfig } from '../../jobs-service/config/index.js';
import { JobsService } from '../../jobs-service/service/jobs-service.js';
import { useServiceDatabase, type EngineName, type ServiceTestDatabase } from './service-database.js';

export const TEST_ISSUER = 'https://issuer.test';
export const TEST_AUDIENCE = 'jobfloor-test';

/** Claims of a test token; `sign` fills in issuer, audience and expiry unless overridden. */
export interface TokenClaims {
  /** null leaves the claim out. */
  readonly tenant?: string | null;
  readonly sub?: string;
  readonly roles?: readonly string[];
  readonly [claim: string]: unknown;
}

/** A running jobs service on one engine, reached over real HTTP on loopback. */
export interface TestService {
  readonly service: JobsService;
  readonly database: ServiceTestDatabase;
  /** Signs a token with the key the service trusts (ES256). */
  token(claims?: TokenClaims, options?: { expiresIn?: string; notBefore?: string; issuer?: string; audience?: string }): Promise<string>;
  /** Sends a request; a plain object body is sent as JSON. */
  request(method: string, path: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<TestResponse>;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  // Response bodies are checked by the tests; `any` keeps them readable.
  readonly body: any;
}

/**
 * Starts the jobs service (API and workers) for the calling describe block on `engine`, trusting
 * a fresh ES256 key for tokens with a test issuer and audience, in production mode (no demo tenant).
 * Jobs are recorded but not run unless `options.runJobs` is true.
 * The default token is user `alice` of tenant `acme`.
 */
export function useTestService(engine: EngineName, extraEnv: Record<string, string> = {}, options: { runJobs?: boolean } = {}): TestService {
  // Tests of the API see jobs stay where they put them: the workers take jobs only from a queue
  // that no job is on. Lifecycle tests ask for the jobs to run.
  const queues = options.runJobs === true ? {} : { JOBFLOOR_WORKER_QUEUES: 'tests.no.jobs.run' };
  const database = useServiceDatabase(engine);
  let service: JobsService | undefined;
  let privateKey: CryptoKey | undefined;
  let dir: string | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jobfloor-service-'));
    const keys = await generateKeyPair('ES256');
    privateKey = keys.privateKey;
    writeFileSync(join(dir, 'public.pem'), await exportSPKI(keys.publicKey));
    const config = loadServiceConfig({
      argv: ['--port', '0', '--data-dir', dir, '--mode', 'production', '--log-level', 'silent'],
      env: { JOBFLOOR_AUTH_PUBLIC_KEY_FILE: join(dir, 'public.pem'), JOBFLOOR_AUTH_ISSUER: TEST_ISSUER, JOBFLOOR_AUTH_AUDIENCE: TEST_AUDIENCE, ...queues, ...extraEnv },
    });
    service = await JobsService.start(config, { database: database.db, logger: pino({ level: process.env['JOBFLOOR_TEST_LOG'] ?? 'silent' }) });
  });
  afterAll(async () => {
    await service?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const api: TestService = {
    get service(): JobsService {
      if (!service) throw new Error('useTestService(): read .service inside a test or hook.');
      return service;
    },
    database,
    async token(claims = {}, options = {}) {
      const { tenant = 'acme', sub = 'alice', roles = ['user'], ...rest } = claims;
      let jwt = new SignJWT({ ...(tenant === null ? {} : { tenant }), roles, ...rest })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject(sub)
        .setIssuer(options.issuer ?? TEST_ISSUER)
        .setAudience(options.audience ?? TEST_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m');
      if (options.notBefore) jwt = jwt.setNotBefore(options.notBefore);
      return jwt.sign(privateKey!);
    },
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token === undefined ? await api.token() : options.token;
      if (token !== null) headers['authorization'] ??= `Bearer ${token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${api.service.url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (metrics); the text is the body
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
  };
  return api;
}
