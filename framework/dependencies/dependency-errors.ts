import { JobfloorError } from '../errors/jobfloor-error.js';
import type { DependencyScope } from './provide.js';

/**
 * A dependency did not become ready within its readiness timeout, so the job that needed it
 * could not start. It escalates from that job's node like any error the job throws.
 */
export class DependencyTimeoutError extends JobfloorError {
  constructor(
    readonly dependency: string,
    readonly scope: DependencyScope,
    readonly timeoutMs: number,
    readonly neededBy: string,
  ) {
    super(
      'JOBFLOOR_DEPENDENCY_TIMEOUT',
      `Dependency '${dependency}' (${scope} scope) was not ready within ${timeoutMs} ms for ${neededBy}. ` +
        `Find what its create() waits for, or raise its readyTimeoutMs.`,
    );
  }
}

/** Disposing a dependency failed; for a flow that had succeeded, the run fails with this error. */
export class DependencyDisposeError extends JobfloorError {
  constructor(
    readonly dependency: string,
    cause: unknown,
  ) {
    super('JOBFLOOR_DEPENDENCY_DISPOSE_FAILED', `Disposing dependency '${dependency}' failed: ${messageOf(cause)}`, {
      cause,
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
