import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { createApi } from '../api/create-api.js';
import type { RequestAuthenticator } from '../api/api-context.js';
import { ServiceMetrics } from '../api/service-metrics.js';
import { createAuthenticator } from '../auth/index.js';
import { installDemoTenant } from '../catalog/demo-tenant.js';
import { defaultPublicUrl, type ServiceConfig } from '../config/index.js';
import type { Database } from '../database/database.js';
import { migrate } from '../database/migrate.js';
import { openDatabase } from '../database/open-database.js';
import { IntakeWorker } from '../intake/intake-worker.js';
import type { PromotedJob } from '../intake/promote-accepted.js';
import { createLifecycleOffice } from '../jobs/lifecycle-office.js';
import { LifecycleSettings } from '../jobs/lifecycle-settings.js';
import { NotificationDeliverer, type NotificationSettled } from '../notifications/index.js';
import { JobWorker } from '../worker/job-worker.js';
import { lifecycleRunner } from '../worker/run-lifecycle.js';
import type { Office } from '../../framework/index.js';

/** Options of {@link JobsService.start} beyond the configuration; tests use them. */
export interface JobsServiceOptions {
  readonly logger?: Logger;
  /** An open, migrated database to use instead of opening the configured one (it is not closed by stop()). */
  readonly database?: Database;
  /** Verifies tokens instead of the authenticator the configuration describes. */
  readonly authenticator?: RequestAuthenticator;
}

/** The roles a process may run, and why separate processes need PostgreSQL. */
function checkDeployment(config: ServiceConfig): void {
  if (!config.roles.api && !config.roles.worker) throw new Error('Nothing to run: give --api, --worker, or neither (both).');
  if (config.databaseUrl === undefined && !(config.roles.api && config.roles.worker)) {
    throw new Error(
      'The embedded database (PGlite) serves one process, so the API and the workers must run together on it. ' +
        'Set DATABASE_URL to a PostgreSQL database to run `jobfloor serve --api` and `jobfloor serve --worker` as separate processes.',
    );
  }
}

/**
 * One process of the jobs service: the REST API, the workers, or both, on PostgreSQL or the
 * embedded database. In development mode the demo tenant is installed at start.
 */
export class JobsService {
  private constructor(
    readonly config: ServiceConfig,
    readonly db: Database,
    readonly metrics: ServiceMetrics,
    readonly logger: Logger,
    readonly api: FastifyInstance | undefined,
    readonly intake: IntakeWorker | undefined,
    readonly workers: Workers | undefined,
    readonly url: string,
    private readonly ownsDatabase: boolean,
  ) {}

  static async start(config: ServiceConfig, options: JobsServiceOptions = {}): Promise<JobsService> {
    if (options.database === undefined) checkDeployment(config);
    const logger = options.logger ?? pino({ name: 'jobfloor', level: config.logLevel });
    const db = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
    try {
      if (options.database === undefined) await migrate(db);
      if (config.mode === 'development') await installDemoTenant(db, { dataDir: config.dataDir });
      const metrics = new ServiceMetrics();
      const intake = config.roles.worker ? await startIntake(config, db, metrics, logger) : undefined;
      const { api, url } = config.roles.api
        ? await startApi(config, db, metrics, logger, options.authenticator ?? (await createAuthenticator(config)))
        : { api: undefined, url: '' };
      const publicUrl = url === '' ? config.publicUrl : url;
      const workers = config.roles.worker ? await startWorkers(config, db, logger, publicUrl, metrics) : undefined;
      logger.info({ url, engine: db.engine, roles: config.roles }, 'jobs service started');
      return new JobsService(config, db, metrics, logger, api, intake, workers, url, options.database === undefined);
    } catch (error) {
      if (options.database === undefined) await db.close();
      throw error;
    }
  }

  /** Stops taking requests, lets running ones finish, stops the workers and closes the database. */
  async stop(): Promise<void> {
    await this.api?.close();
    await this.intake?.stop();
    await this.workers?.stop();
    if (this.ownsDatabase) await this.db.close();
  }
}

async function startIntake(config: ServiceConfig, db: Database, metrics: ServiceMetrics, logger: Logger): Promise<IntakeWorker> {
  const onPromoted = (jobs: readonly PromotedJob[]) => {
    metrics.jobsRecorded.inc(jobs.length);
    for (const job of jobs) metrics.acceptToPending.observe((job.created.getTime() - job.accepted.getTime()) / 1000);
  };
  const intake = new IntakeWorker({ db, logger, batchSize: config.intake.batchSize, sweepIntervalMs: config.intake.sweepIntervalMs, onPromoted });
  await intake.start();
  return intake;
}

async function startApi(config: ServiceConfig, db: Database, metrics: ServiceMetrics, logger: Logger, authenticator: RequestAuthenticator) {
  const context = { db, authenticator, logger, metrics, bodyLimitBytes: config.bodyLimitBytes, publicUrl: config.publicUrl };
  const api = await createApi(context);
  const address = await api.listen({ host: config.host, port: config.port });
  // Port 0 asks for any free port: the default public URL can only name it once listening.
  if (config.publicUrl === defaultPublicUrl(config.host, config.port)) {
    context.publicUrl = defaultPublicUrl(config.host, Number(new URL(address).port));
  }
  return { api, url: context.publicUrl };
}

/** The job workers of a process: the lifecycle office, the worker that feeds it, and the notification deliverer. */
class Workers {
  constructor(
    readonly office: Office,
    readonly worker: JobWorker,
    readonly notifications: NotificationDeliverer,
  ) {}

  async stop(): Promise<void> {
    await this.worker.stop();
    await this.notifications.stop();
    await this.office.stop();
  }
}

async function startWorkers(config: ServiceConfig, db: Database, logger: Logger, publicUrl: string, metrics: ServiceMetrics): Promise<Workers> {
  const { worker: settings } = config;
  const lifecycleSettings = new LifecycleSettings(config.dataDir, settings.monitorInitialDelayMs, settings.monitorMaxDelayMs);
  const office = createLifecycleOffice({ db, settings: lifecycleSettings });
  await office.start({ logger });
  metrics.include(office.metrics);
  const worker = new JobWorker({
    db,
    logger,
    runJob: lifecycleRunner({ office, db, logger, maxAttempts: settings.maxAttempts }),
    concurrency: settings.concurrency,
    leaseMs: settings.leaseMs,
    queues: config.workerQueues,
    sweepIntervalMs: config.intake.sweepIntervalMs,
    retryDelayMs: settings.monitorInitialDelayMs,
  });
  const onSettled = (settled: NotificationSettled) => metrics.notificationsSettled.inc({ outcome: settled.outcome });
  const notifications = new NotificationDeliverer({ db, logger, publicUrl, settings: config.notifications, onSettled });
  await notifications.start();
  await worker.start();
  return new Workers(office, worker, notifications);
}
