import type { IssueCollector } from '../errors/configuration-issue.js';
import type { DependencyProvider, DependencyScope } from './provide.js';
import { tokenName, type Token } from './token.js';

/** Longer-lived scopes rank lower: a dependency may only depend on ranks at or below its own. */
const scopeRank: Record<DependencyScope, number> = { process: 0, flow: 1, job: 2 };

/**
 * The office's dependency providers, indexed by token and checked at start-up: one provider per
 * token, every `dependsOn` registered, no cycles, and no dependency on a shorter-lived scope.
 */
export class DependencyGraph {
  readonly #providers = new Map<Token, DependencyProvider>();

  private constructor() {}

  /** Builds the graph, adding every problem found to `issues`. */
  static build(providers: readonly DependencyProvider[], issues: IssueCollector): DependencyGraph {
    const graph = new DependencyGraph();
    for (const provider of providers) graph.#register(provider, issues);
    for (const provider of graph.#providers.values()) graph.#checkDependencies(provider, issues);
    graph.#checkCycles(issues);
    return graph;
  }

  /** The provider registered for `token`, if any. */
  providerFor(token: Token): DependencyProvider | undefined {
    return this.#providers.get(token);
  }

  /** Every provider, in registration order. */
  get providers(): Iterable<DependencyProvider> {
    return this.#providers.values();
  }

  /**
   * The names of `tokens` and of everything they depend on, transitively: team rules by
   * dependency match a job through its dependencies' own dependencies.
   */
  transitiveNames(tokens: Iterable<Token>): Set<string> {
    const names = new Set<string>();
    const visit = (token: Token): void => {
      const name = tokenName(token);
      if (names.has(name)) return;
      names.add(name);
      for (const dependency of this.#providers.get(token)?.dependsOn ?? []) visit(dependency);
    };
    for (const token of tokens) visit(token);
    return names;
  }

  /** `providers` and every provider they depend on, transitively. */
  reachableFrom(providers: Iterable<DependencyProvider>): Set<DependencyProvider> {
    const reached = new Set<DependencyProvider>();
    const visit = (provider: DependencyProvider): void => {
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

  #register(provider: DependencyProvider, issues: IssueCollector): void {
    const name = tokenName(provider.token);
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

  #checkDependencies(provider: DependencyProvider, issues: IssueCollector): void {
    const name = tokenName(provider.token);
    for (const token of provider.dependsOn) {
      const dependency = this.#providers.get(token);
      if (dependency === undefined) {
        issues.add({
          code: 'JOBFLOOR_DEPENDENCY_UNREGISTERED',
          location: `dependency ${name}`,
          message: `Dependency '${name}' depends on '${tokenName(token)}', which no provider supplies.`,
          fix: `Add provide(${tokenName(token)}, { scope, create }) to the office's dependencies.`,
        });
      } else if (scopeRank[dependency.scope] > scopeRank[provider.scope]) {
        issues.add({
          code: 'JOBFLOOR_DEPENDENCY_SCOPE_MISMATCH',
          location: `dependency ${name}`,
          message:
            `Dependency '${name}' (${provider.scope} scope) depends on '${tokenName(token)}' (${dependency.scope} scope), ` +
            `which is disposed before it.`,
          fix: `Give '${tokenName(token)}' a scope that lives at least as long as '${provider.scope}', or narrow '${name}'.`,
        });
      }
    }
  }

  #checkCycles(issues: IssueCollector): void {
    const state = new Map<Token, 'visiting' | 'done'>();
    const path: Token[] = [];
    const visit = (token: Token): void => {
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

  #reportCycle(cycle: Token[], issues: IssueCollector): void {
    const names = cycle.map(tokenName);
    const first = names[0] ?? '';
    issues.add({
      code: 'JOBFLOOR_DEPENDENCY_CYCLE',
      location: `dependency ${first}`,
      message: `Dependencies form a cycle: ${[...names, first].join(' -> ')}.`,
      fix: 'Break the cycle: move the shared part into a dependency of its own that both use.',
    });
  }
}
