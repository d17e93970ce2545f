import type { Token, TokenValue } from './token.js';

/**
 * How long a dependency lives.
 * - `process`: one per JavaScript thread (the main thread, each worker thread): caches, pools.
 * - `flow`: one per flow run, shared by its jobs, disposed when the run ends: a transaction.
 * - `job`: one per job execution, disposed after it: a scratch buffer.
 */
export type DependencyScope = 'process' | 'flow' | 'job';

/** Tells `dispose` how the scope ended: a flow run that completed, or one that failed. */
export interface DisposeOutcome {
  /** True when the flow (or job) completed, handled escalations included. */
  readonly succeeded: boolean;
  /** The escalation that ended the flow (or job) when it failed. */
  readonly error?: unknown;
}

type Instances<D extends readonly Token<any>[]> = { -readonly [K in keyof D]: TokenValue<D[K]> };

/** Options of `provide()`. */
export interface ProvideOptions<T, D extends readonly Token<any>[]> {
  /** How long the dependency lives; see `DependencyScope`. */
  readonly scope: DependencyScope;
  /** The dependencies that `create` receives, in order. Default: none. */
  readonly dependsOn?: D;
  /**
   * Creates the value; may be async: the job that needs it starts only once it resolves.
   * Default for a class token: `new Class(...dependsOn)`.
   */
  readonly create?: (...dependencies: Instances<D>) => T | Promise<T>;
  /** Releases the value when its scope ends; told whether the flow succeeded (commit or roll back). */
  readonly dispose?: (value: T, outcome: DisposeOutcome) => void | Promise<void>;
  /**
   * How long a job waits for the value to be ready before `DependencyTimeoutError` escalates.
   * Default: the office's `dependencyTimeoutMs` (30 000 ms).
   */
  readonly readyTimeoutMs?: number;
}

/** A registered way to create one dependency. Build it with `provide()`. */
export interface DependencyProvider<T = unknown> {
  readonly token: Token<T>;
  readonly scope: DependencyScope;
  readonly dependsOn: readonly Token[];
  // Method syntax keeps providers of any T assignable to DependencyProvider<unknown>.
  /** Absent when a non-class token was provided without `create` (a start-up error). */
  create?(...dependencies: any[]): T | Promise<T>;
  dispose?(value: T, outcome: DisposeOutcome): void | Promise<void>;
  readonly readyTimeoutMs: number | undefined;
}

/**
 * Registers how to create the dependency `token`. List the result in `defineOffice({ dependencies })`.
 *
 * ```ts
 * provide(Pool, { scope: 'process', create: () => new pg.Pool(...), dispose: (pool) => pool.end() })
 * provide(Connection, { scope: 'flow', dependsOn: [Pool], create: (pool) => pool.connect(),
 *                       dispose: (client) => client.release() })
 * ```
 */
export function provide<T, const D extends readonly Token<any>[] = []>(
  token: Token<T>,
  options: ProvideOptions<T, D>,
): DependencyProvider<T> {
  const dependsOn: readonly Token[] = options.dependsOn ?? [];
  return Object.freeze({
    token,
    scope: options.scope,
    dependsOn,
    create: (options.create as DependencyProvider<T>['create']) ?? constructorOf(token),
    dispose: options.dispose,
    readyTimeoutMs: options.readyTimeoutMs,
  });
}

function constructorOf<T>(token: Token<T>): DependencyProvider<T>['create'] {
  if (typeof token !== 'function') return undefined;
  const Class = token as unknown as new (...args: unknown[]) => T;
  return (...dependencies: unknown[]) => new Class(...dependencies);
}
