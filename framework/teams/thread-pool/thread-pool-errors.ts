import { JobfloorError } from '../../errors/jobfloor-error.js';
import type { UncloneablePart } from './clone-check.js';

/**
 * A value a thread-pool job takes or gives (its argument, result, a flow's argument or result)
 * cannot be structured-cloned across the thread boundary.
 */
export class UncloneableValueError extends JobfloorError {
  constructor(
    readonly job: string,
    readonly team: string,
    readonly part: UncloneablePart,
    cause: unknown,
  ) {
    super(
      'JOBFLOOR_TEAM_UNCLONEABLE_VALUE',
      `Job '${job}' runs on thread-pool team '${team}', but ${part.path} is ${part.what}, which cannot cross to another thread ` +
        `(structured clone). Pass plain data (objects, arrays, strings, numbers, Dates, Maps, Sets), or run the job on a main-thread team.`,
      { cause },
    );
  }
}

/** The worker thread running a job died (the job called `process.exit`, or ran out of memory). */
export class WorkerCrashedError extends JobfloorError {
  constructor(
    readonly job: string,
    readonly team: string,
    cause: unknown,
  ) {
    super(
      'JOBFLOOR_TEAM_WORKER_CRASHED',
      `The worker thread of team '${team}' running job '${job}' died: ${(cause as Error).message}. ` +
        `The team replaced the thread; find why the job ends its thread (process.exit, memory: see the team's maxOldGenerationSizeMb).`,
      { cause },
    );
  }
}
