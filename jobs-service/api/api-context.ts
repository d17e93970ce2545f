import type { Logger } from 'pino';
import type { Identity } from '../access/caller.js';
import type { Database } from '../database/database.js';
import type { LinkBase } from '../store/job-representation.js';
import type { ServiceMetrics } from './service-metrics.js';

/** Verifies a request's `Authorization` header; rejects with a `JOBS_UNAUTHENTICATED` error. */
export interface RequestAuthenticator {
  authenticate(authorizationHeader: string | undefined): Promise<Identity>;
}

/** What the routes of the REST API need. */
export interface ApiContext extends LinkBase {
  readonly db: Database;
  readonly authenticator: RequestAuthenticator;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  /** Largest request body accepted; bigger ones are answered 413. */
  readonly bodyLimitBytes: number;
}
