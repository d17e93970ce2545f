/**
 * The escalations of the job lifecycle. The flow graph routes them by class name: a permanent
 * failure to the fail handler, a transient one to the transient handler (which the recovery issue
 * extends into retries), a lost lease to the handler that abandons the run without touching a job
 * another worker now holds.
 */

/** The job cannot succeed: its app, inputs or run failed for a reason that retrying does not change. */
export class JobFailedError extends Error {
  readonly code: string = 'JOBS_JOB_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JobFailedError';
  }
}

/** The job's run ended unsuccessfully: a non-zero exit, a signal, maxRunTime, a permanent sim failure. */
export class RemoteRunFailedError extends JobFailedError {
  override readonly code = 'JOBS_REMOTE_RUN_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RemoteRunFailedError';
  }
}

/** A failure that may pass if the phase runs again later: a timeout, a 503, a transient sim step. */
export class TransientJobError extends Error {
  readonly code = 'JOBS_TRANSIENT_FAILURE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientJobError';
  }
}

/**
 * A storage or transfer failure as a lifecycle escalation: transient when the storage error says
 * so (read from its fields, so it also works on an error rebuilt after crossing a thread), else a
 * permanent failure. `what` says which phase failed, for lastStatusMessage.
 */
export function lifecycleFailure(error: unknown, what: string, signal: AbortSignal): unknown {
  if (signal.aborted) return error; // the run was cancelled: the framework escalates FlowCancelledError
  const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
  const transient = (error as { transient?: unknown } | null)?.transient === true;
  return transient ? new TransientJobError(message, { cause: error }) : new JobFailedError(message, { cause: error });
}
