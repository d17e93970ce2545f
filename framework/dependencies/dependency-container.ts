import { DependencyDisposeError, DependencyTimeoutError } from './dependency-errors.js';
import type { DependencyGraph } from './dependency-graph.js';
import type { DependencyProvider, DependencyScope, DisposeOutcome } from './provide.js';
import { tokenName } from './token.js';

/** Who is waiting for a dependency: named in timeout messages; its signal cancels the wait. */
export interface DependencyWaiter {
  /** e.g. `job CacheJobs.getContent`. */
  readonly neededBy: string;
  /** Read only when the wait is asynchronous, so that a run creates its signal only if needed. */
  readonly signal: AbortSignal | undefined;
}

interface Entry {
  ready: boolean;
  value: unknown;
  creating: Promise<unknown> | undefined;
}

/**
 * The dependencies of one scope: the process (one per thread), a flow run, or a job execution.
 * Values are created on first request ("lazily": a path that never needs the database never
 * opens a connection) and handed to a job only once ready. A request for a longer-lived scope goes
 * to the parent container, so a flow's transaction is shared by all its jobs.
 */
export class DependencyContainer {
  readonly #entries = new Map<DependencyProvider, Entry>();
  /** Entries in the order they became ready; disposed in reverse, dependents first. */
  readonly #readyOrder: Array<[DependencyProvider, unknown]> = [];

  constructor(
    readonly scope: DependencyScope,
    readonly parent: DependencyContainer | undefined,
    readonly graph: DependencyGraph,
    readonly defaultTimeoutMs: number,
  ) {}

  /** A container for a shorter-lived scope whose requests for longer-lived ones come here. */
  child(scope: DependencyScope): DependencyContainer {
    return new DependencyContainer(scope, this, this.graph, this.defaultTimeoutMs);
  }

  /**
   * The value of `provider`: synchronously when it is ready or can be created synchronously,
   * otherwise a promise that settles when it is ready, fails, times out or the waiter is cancelled.
   */
  resolve(provider: DependencyProvider, waiter: DependencyWaiter): unknown {
    const owner = this.#ownerFor(provider.scope);
    const entry = owner.#entries.get(provider);
    if (entry?.ready) return entry.value;
    const pending = entry?.creating ?? owner.#create(provider, waiter);
    return isPromise(pending) ? awaitReady(pending, provider, waiter, this.defaultTimeoutMs) : pending;
  }

  /**
   * Disposes every value of this scope, the most recently created first, each told the outcome.
   * Never throws: returns the disposal failures; after a failure the rest are told the scope
   * failed. A value still being created is disposed when it arrives, as failed: nothing uses it.
   */
  async dispose(outcome: DisposeOutcome): Promise<DependencyDisposeError[]> {
    const failures: DependencyDisposeError[] = [];
    let told = outcome;
    for (const [provider, value] of this.#readyOrder.reverse()) {
      try {
        await provider.dispose?.(value, told);
      } catch (error) {
        const failure = new DependencyDisposeError(tokenName(provider.token), error);
        failures.push(failure);
        // Once one disposal failed (a commit), the scope has not succeeded for the others either.
        told = { succeeded: false, error: failure };
      }
    }
    const unused = { succeeded: false, error: told.error };
    for (const [provider, entry] of this.#entries) {
      if (!entry.ready) entry.creating?.then((value) => provider.dispose?.(value, unused), noop);
    }
    this.#readyOrder.length = 0;
    this.#entries.clear();
    return failures;
  }

  #ownerFor(scope: DependencyScope): DependencyContainer {
    for (let container: DependencyContainer | undefined = this; container; container = container.parent) {
      if (container.scope === scope) return container;
    }
    throw new Error(`No ${scope}-scoped container above a ${this.scope}-scoped one; this is a framework bug.`);
  }

  #create(provider: DependencyProvider, waiter: DependencyWaiter): unknown {
    const name = tokenName(provider.token);
    const dependencyWaiter = { neededBy: `dependency '${name}'`, get signal() { return waiter.signal; } };
    const dependencies = provider.dependsOn.map((token) => this.resolve(this.graph.providerFor(token)!, dependencyWaiter));
    const create = provider.create!;
    const created = dependencies.some(isPromise)
      ? Promise.all(dependencies).then((values) => create(...values))
      : create(...dependencies);
    if (!isPromise(created)) {
      this.#store(provider, { ready: true, value: created, creating: undefined });
      return created;
    }
    const entry: Entry = { ready: false, value: undefined, creating: undefined };
    entry.creating = created.then((value) => {
      entry.ready = true;
      entry.value = value;
      entry.creating = undefined;
      this.#readyOrder.push([provider, value]);
      return value;
    });
    // A failed creation is forgotten, so that the next job that needs the dependency tries again.
    entry.creating.catch(() => {
      if (this.#entries.get(provider) === entry) this.#entries.delete(provider);
    });
    this.#entries.set(provider, entry);
    return entry.creating;
  }

  #store(provider: DependencyProvider, entry: Entry): void {
    this.#entries.set(provider, entry);
    this.#readyOrder.push([provider, entry.value]);
  }
}

function awaitReady(
  pending: Promise<unknown>,
  provider: DependencyProvider,
  waiter: DependencyWaiter,
  defaultTimeoutMs: number,
): Promise<unknown> {
  const timeoutMs = provider.readyTimeoutMs ?? defaultTimeoutMs;
  return new Promise((resolve, reject) => {
    const signal = waiter.signal;
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = (): void => finish(() => reject(signal?.reason));
    const timer = setTimeout(
      () => finish(() => reject(new DependencyTimeoutError(tokenName(provider.token), provider.scope, timeoutMs, waiter.neededBy))),
      timeoutMs,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

/** True for promises and other thenables. */
export function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function noop(): void {}
