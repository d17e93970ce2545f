// Imported rather than the global, whose lazy getter costs a call on every read (Node 20).
import { performance } from 'node:perf_hooks';
import { isPromise } from '../dependencies/dependency-container.js';
import type { Team, TeamSlot, TeamWaiter } from '../teams/team.js';

/**
 * The team a chain of jobs is on, and the slot it holds there. Consecutive jobs on the same team
 * keep the slot (no hop, no re-queueing: the Job Based Architecture's rule that a job without a
 * team of its own continues on the previous job's). A flow called with `await` gets a lane of its
 * own that may borrow a slot its callers hold on the same team, since they are waiting for it:
 * with a team of one, re-queueing would deadlock.
 */
export class Lane {
  slot: TeamSlot | undefined;
  /**
   * `performance.now()` when the lane's last job ended (or the lane began): the next job on the
   * same slot starts then, which saves a clock read per job. 0: read the clock.
   */
  clock = 0;
  #owned = false;

  constructor(
    public team: Team,
    readonly caller: Lane | undefined,
  ) {}

  /** A lane for a flow called by a job on this lane, starting on `team`. */
  forCall(team: Team): Lane {
    const lane = new Lane(team, this);
    lane.slot = lane.#borrowable(team);
    lane.clock = performance.now();
    return lane;
  }

  /** A slot on `team` for the next job: the lane's own, a caller's, or a newly admitted one. */
  enter(team: Team, waiter: TeamWaiter): TeamSlot | Promise<TeamSlot> {
    if (this.slot !== undefined && this.team === team) return this.slot;
    this.leave();
    const borrowed = this.#borrowable(team);
    if (borrowed !== undefined) return this.#hold(team, borrowed, false);
    const admitted = team.admit(waiter);
    return isPromise(admitted) ? admitted.then((slot) => this.#hold(team, slot, true)) : this.#hold(team, admitted, true);
  }

  /** Releases the lane's own slot; a borrowed one stays with its owner. */
  leave(): void {
    if (this.#owned) this.slot?.release();
    this.slot = undefined;
    this.#owned = false;
  }

  #hold(team: Team, slot: TeamSlot, owned: boolean): TeamSlot {
    this.team = team;
    this.slot = slot;
    this.#owned = owned;
    return slot;
  }

  #borrowable(team: Team): TeamSlot | undefined {
    for (let lane = this.caller; lane !== undefined; lane = lane.caller) {
      if (lane.team === team && lane.slot !== undefined) return lane.slot;
    }
    return undefined;
  }
}
