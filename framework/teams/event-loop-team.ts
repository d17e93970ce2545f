import { TeamOverloadError, TeamStoppedError } from './team-errors.js';
import type { Team, TeamJob, TeamSlot, TeamWaiter } from './team.js';

/** Options of an `event-loop` team (see `teams.config.json`). */
export interface EventLoopTeamOptions {
  /** How many of the team's jobs may run at once. */
  readonly concurrency: number;
  /** How many runs may wait for a slot before `TeamOverloadError` escalates. */
  readonly maxQueue: number;
}

interface Waiting {
  readonly resolve: (slot: TeamSlot) => void;
  readonly reject: (error: unknown) => void;
  readonly leave: () => void;
}

/**
 * A bulkhead on the main thread: at most `concurrency` of its jobs run at once, the rest wait in
 * a first-come queue of at most `maxQueue`. It keeps slow I/O (a database with 10 connections)
 * from taking every request with it, the Job Based Architecture's point about teams.
 */
export class EventLoopTeam implements Team {
  readonly kind = 'event-loop';
  readonly onMainThread = true;
  #active = 0;
  #stopped = false;
  readonly #queue: Waiting[] = [];

  constructor(
    readonly name: string,
    readonly options: EventLoopTeamOptions,
  ) {}

  get load(): { active: number; queued: number } {
    return { active: this.#active, queued: this.#queue.length };
  }

  admit(waiter: TeamWaiter): TeamSlot | Promise<TeamSlot> {
    if (this.#stopped) throw new TeamStoppedError(this.name);
    if (this.#active < this.options.concurrency) {
      this.#active++;
      return this.#newSlot();
    }
    if (this.#queue.length >= this.options.maxQueue) throw new TeamOverloadError(this.name, this.options.maxQueue, waiter.job);
    return this.#wait(waiter.signal);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const waiting of this.#queue.splice(0)) {
      waiting.leave();
      waiting.reject(new TeamStoppedError(this.name));
    }
  }

  #wait(signal: AbortSignal): Promise<TeamSlot> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiting);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(signal.reason);
      };
      const waiting: Waiting = { resolve, reject, leave: () => signal.removeEventListener('abort', onAbort) };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiting);
    });
  }

  #newSlot(): TeamSlot {
    let held = true;
    return {
      run: (job: TeamJob) => job.runHere(),
      release: () => {
        if (!held) return;
        held = false;
        this.#handOver();
      },
    };
  }

  /** Passes a released slot straight to the next waiting run, or frees it. */
  #handOver(): void {
    const next = this.#queue.shift();
    if (next === undefined) {
      this.#active--;
      return;
    }
    next.leave();
    next.resolve(this.#newSlot());
  }
}
