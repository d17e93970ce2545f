import { ServiceError } from '../errors/service-error.js';
import type { JobStatus } from '../model/job-status.js';
import { transitions } from '../model/transitions.js';

/** A status change that the state machine does not allow from the job's current state. */
export class IllegalTransitionError extends ServiceError {
  constructor(
    readonly jobUuid: string,
    readonly from: JobStatus,
    readonly to: JobStatus,
  ) {
    const allowed = [...(transitions.get(from) ?? [])];
    super(
      'JOBS_ILLEGAL_TRANSITION',
      `Job ${jobUuid} cannot change from ${from} to ${to}. ` +
        (allowed.length === 0 ? `${from} is a terminal state.` : `From ${from} it may change to ${allowed.join(', ')}.`),
    );
  }
}
