/**
 * `jobfloor serve [--api] [--worker] [--queues a,b] [config flags]`: runs the jobs service until
 * SIGINT or SIGTERM. Without --api or --worker it runs both (the only choice on the embedded
 * database); in development mode it prints how to submit a first job.
 */
import { ConfigError, loadServiceConfig } from '../../jobs-service/config/index.js';
import { developmentBanner } from '../../jobs-service/service/development-banner.js';
import { JobsService } from '../../jobs-service/service/jobs-service.js';
import type { Command } from './command.js';

const HELP = `Usage: jobfloor serve [--api] [--worker] [--queues a,b] [--config FILE] [--mode development|production]
                      [--host H] [--port P] [--public-url URL] [--data-dir DIR] [--database-url URL] [--log-level L]

Runs the jobs service: the REST API (--api), the workers (--worker), or both (neither flag).
Separate API and worker processes need PostgreSQL (DATABASE_URL). See docs/jobs-service/configuration.md.`;

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

export const command: Command = {
  summary: 'run the jobs service (API, workers, or both)',
  async run(args) {
    if (args.includes('--help')) {
      console.log(HELP);
      return 0;
    }
    let service: JobsService;
    try {
      const config = loadServiceConfig({ argv: args, env: process.env });
      service = await JobsService.start(config);
      if (config.mode === 'development' && config.roles.api) console.log(await developmentBanner(service));
    } catch (error) {
      console.error(error instanceof ConfigError ? error.message : `jobfloor serve: ${(error as Error).message}`);
      return 1;
    }
    const signal = await waitForSignal();
    service.logger.info({ signal }, 'stopping the jobs service');
    await service.stop();
    return 0;
  },
};
