/**
 * A validated submission, resolved against the tenant's app, systems and queues: everything the
 * intake needs to insert the job as PENDING. Intake stores it as JSON in `job_intake.job`, so it
 * holds only JSON values.
 */
export interface NewJob {
  readonly name: string;
  readonly tenantId: string;
  /** The tenant submission queue chosen by priority and filter, e.g. `jobfloor.jobq.demo.submit.DefaultQueue`. */
  readonly tenantQueue: string;
  readonly owner: string;
  /** The submitter's roles, comma-separated, as the token gave them. */
  readonly roles: string;
  /** The execution system, from the app. */
  readonly systemId: string;
  readonly appId: string;
  readonly appUuid: string;
  readonly archive: boolean;
  /** Required when `archive` is true (may be ''); null otherwise. */
  readonly archivePath: string | null;
  readonly archiveSystem: string | null;
  readonly nodeCount: number;
  readonly processorsPerNode: number;
  /** GB per node. */
  readonly memoryPerNode: number;
  readonly maxHours: number;
  /** The batch queue on the execution system. */
  readonly remoteQueue: string | null;
  /** Input id to one or more source URIs, after the app's definition was applied. */
  readonly inputs: Readonly<Record<string, string | readonly string[]>>;
  /** Parameter id to value, with the app's defaults filled in. */
  readonly parameters: Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>;
  readonly notifications: readonly JobNotification[];
  /** The submission exactly as the client sent it, kept for resubmit. */
  readonly request: Readonly<Record<string, unknown>>;
}

/** One entry of a submission's `notifications` (seed 002). */
export interface JobNotification {
  /** A job status name, or `*` for every event. */
  readonly event: string;
  readonly persistent: boolean;
  /** A URL (POSTed to) or an email address; may hold `${JOB_...}` templates. */
  readonly url: string;
}
