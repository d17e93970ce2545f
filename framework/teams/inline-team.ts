import type { Team, TeamJob, TeamSlot } from './team.js';

/**
 * Runs each job on the caller's turn of the event loop, with no queue and no hop: OfficeFloor's
 * passive team. It is the default for a flow run's first job and for jobs without a team.
 */
export class InlineTeam implements Team {
  readonly kind = 'inline';
  readonly onMainThread = true;
  readonly load = { active: 0, queued: 0 };
  readonly #slot: TeamSlot = { run: (job: TeamJob) => job.runHere(), release: () => {} };

  constructor(readonly name: string = 'inline') {}

  admit(): TeamSlot {
    return this.#slot;
  }

  async stop(): Promise<void> {}
}
