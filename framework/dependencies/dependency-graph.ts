import type { IssueCollector } from '../errors/configuration-issue.js';
import type { DependencyProvider, DependencyScope } from './provide.js';
import { tokenName, type Token } from './token.js';

/** Longer-lived scopes rank lower: a dependency may only depend on ranks at or below its own. */
const scopeRank: Record<DependencyScope, number> = { process: 0, flow: 1, job: 2 };

/**
 * What the graph needs of a provider. The runtime's `DependencyProvider` fits; so does the static
 * check's reading of `provide()` calls from source, whose tokens are declarations, not classes.
 */
export interface GraphProvider<K> {
  readonly token: K;
  readonly scope: DependencyScope;
  readonly dependsOn: readonly K[];
  /** Absent when a token that is not a class was provided without `create()`. */
  readonly create?: unknown;
}

/**
 * The office's dependency providers, indexed by token and checked at start-up: one provider per
 * token, every `dependsOn` registered, no cycles, and no dependency on a shorter-lived scope.
 * The same checks run in `jobfloor check` on providers read from source (`K` is then a
 * declaration), so that the check and the runtime refuse the same offices.
 */
export class DependencyGraph<K = Token, P extends GraphProvider<K> = DependencyProvider & GraphProvider<K>> {
  readonly #providers = new Map<K, P>();

  private constructor(readonly nameOf: (token: K) => string) {}

  /** Builds the graph, adding every problem found to `issues`. */
  static build(providers: readonly DependencyProvider[], issues: IssueCollector): DependencyGraph;
  /** Builds a graph of providers whose tokens `nameOf` names (the static check's). */
  static build<K, P extends GraphProvider<K>>(providers: readonly P[], issues: IssueCollector, nameOf: (token: K) => string): DependencyGraph<K, P>;
  static build<K, P extends GraphProvider<K>>(
    providers: readonly P[],
    issues: IssueCollector,
    nameOf: (token: K) => string = tokenName as unknown as (token: K) => string,
  ): DependencyGraph<K, P> {
    const graph = new DependencyGraph<K, P>(nameOf);
    for (const provider of providers) graph.#register(provider, issues);
    for (const provider of graph.#providers.values()) graph.#checkDependencies(provider, issues);
    graph.#checkCycles(issues);
    return graph;
  }

  /** The provider registered for `token`, if any. */
  providerFor(token: K): P | undefined {
    return this.#providers.get(token);
  }

  /** Every provider, in registration order. */
  get providers(): Iterable<P> {
    return this.#providers.values();
  }

  /**
   * The names of `tokens` and of everything they depend on, transitively: team rules by
   * dependency match a job through its dependencies' own dependencies.
   */
  transitiveNames(tokens: Iterable<K>): Set<string> {
    const names = new Set<string>();
    const visit = (token: K): void => {
      const name = this.nameOf(token);
      if (names.has(name)) return;
      names.add(name);
      for (const dependency of this.#providers.get(token)?.dependsOn ?? []) visit(dependency);
    };
    for (const token of tokens) visit(token);
    return names;
  }

  /** `providers` and every provider they depend on, transitively. */
  reachableFrom(providers: Iterable<P>): Set<P> {
    const reached = new Set<P>();
    const visit = (provider: P): void => {
      if (reached.has(provider)) return;
      reached.add(provider);
      for (const token of provider.dependsOn) {
        const dependency = this.#providers.get(token);
        if (dependency !== undefined) visit(dependency);
      }
    };
    for (const provider of providers) visit(provider);
    return reached;
  }

  #register(provider: P, issues: IssueCollector): void {
    const name = this.nameOf(provider.token);
    if (this.#providers.has(provider.token)) {
      issues.add({
        code: 'JOBFLOOR_DEPENDENCY_DUPLICATE',
        location: `dependency ${name}`,
        message: `Dependency '${name}' is provided twice.`,
        fix: 'Keep one provide() for it, or give the second instance its own token with createToken().',
      });
      return;
    }
    if (provider.create === undefined) {
      issues.add({
        code: 'JOBFLOOR_DEPENDENCY_NO_FACTORY',
        location: `dependency ${name}`,
        message: `Dependency '${name}' is a token, not a class, and its provide() has no create().`,
        fix: `Add create: (...) => value to provide(${name}, ...).`,
      });
    }
    this.#providers.set(provider.token, provider);
  }

  #checkDependencies(provider: P, issues: IssueCollector): void {
    const name = this.nameOf(provider.token);
    for (const token of provider.dependsOn) {
      const dependency = this.#providers.get(token);
      if (dependency === undefined) {
        issues.add({
          code: 'JOBFLOOR_DEPENDENCY_UNREGISTERED',
          location: `dependency ${name}`,
          message: `Dependency '${name}' depends on '${this.nameOf(token)}', which no provider supplies.`,
          fix: `Add provide(${this.nameOf(token)}, { scope, create }) to the office's dependencies.`,
        });
      } else if (scopeRank[dependency.scope] > scopeRank[provider.scope]) {
        issues.add({
          code: 'JOBFLOOR_DEPENDENCY_SCOPE_MISMATCH',
          location: `dependency ${name}`,
          message:
            `Dependency '${name}' (${provider.scope} scope) depends on '${this.nameOf(token)}' (${dependency.scope} scope), ` +
            `which is disposed before it.`,
          fix: `Give '${this.nameOf(token)}' a scope that lives at least as long as '${provider.scope}', or narrow '${name}'.`,
        });
      }
    }
  }

  #checkCycles(issues: IssueCollector): void {
    const state = new Map<K, 'visiting' | 'done'>();
    const path: K[] = [];
    const visit = (token: K): void => {
      const seen = state.get(token);
      if (seen === 'done') return;
      if (seen === 'visiting') return this.#reportCycle(path.slice(path.indexOf(token)), issues);
      state.set(token, 'visiting');
      path.push(token);
      for (const dependency of this.#providers.get(token)?.dependsOn ?? []) {
        if (this.#providers.has(dependency)) visit(dependency);
      }
      path.pop();
      state.set(token, 'done');
    };
    for (const token of this.#providers.keys()) visit(token);
  }

  #reportCycle(cycle: K[], issues: IssueCollector): void {
    const names = cycle.map(this.nameOf);
    const first = names[0] ?? '';
    issues.add({
      code: 'JOBFLOOR_DEPENDENCY_CYCLE',
      location: `dependency ${first}`,
      message: `Dependencies form a cycle: ${[...names, first].join(' -> ')}.`,
      fix: 'Break the cycle: move the shared part into a dependency of its own that both use.',
    });
  }
}
