import { JobfloorError } from '../errors/jobfloor-error.js';

/**
 * A team's queue is full. It escalates from the job that could not be queued, so a handler can
 * shed the load (the jobs service answers 503).
 */
export class TeamOverloadError extends JobfloorError {
  constructor(
    readonly team: string,
    readonly maxQueue: number,
    readonly job: string,
  ) {
    super(
      'JOBFLOOR_TEAM_OVERLOAD',
      `Team '${team}' is overloaded: its queue already holds ${maxQueue} waiting run${maxQueue === 1 ? '' : 's'} (maxQueue), so job '${job}' was refused. ` +
        `Handle TeamOverloadError to shed load, or raise the team's concurrency or maxQueue in the teams file.`,
    );
  }
}

/** A job was given to a team after the team stopped (the office is stopping). */
export class TeamStoppedError extends JobfloorError {
  constructor(readonly team: string) {
    super('JOBFLOOR_TEAM_STOPPED', `Team '${team}' has stopped and takes no more jobs; the office is stopping.`);
  }
}
