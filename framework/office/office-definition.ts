import type { DependencyProvider } from '../dependencies/provide.js';
import type { Constructor } from '../dependencies/token.js';
import type { FlowsSource } from '../flows/flow-files.js';
import type { TeamsSource } from '../teams/teams-config-loader.js';

/** Where an office-level escalation handler starts: a flow, at its start node or a named one. */
export type OfficeEscalationTarget = string | { readonly flow: string; readonly at?: string };

/**
 * An application: its job classes, dependency providers, flow graphs and office-level escalation
 * handlers. Export it from a module of its own (an "office module"): worker threads import the
 * same module by path to run its jobs.
 */
export interface OfficeDefinition {
  /** The office's name in its log lines (`office` field). Default: `office`. */
  readonly name?: string;
  /**
   * The module that defines this office: `import.meta.url`. Worker threads of thread-pool teams
   * import it to run its jobs, so the module must export the office. Required for thread-pool teams.
   */
  readonly module?: string | URL;
  /** The classes whose `@job()` methods are the office's jobs. */
  readonly jobs: readonly Constructor[];
  /** How to create the dependencies jobs name. */
  readonly dependencies?: readonly DependencyProvider[];
  /**
   * The flow graphs: `*.flow.json` files or directories of them (relative paths are resolved
   * against the working directory; pass a URL to resolve against a module), or graphs in code.
   */
  readonly flows: FlowsSource | readonly FlowsSource[];
  /**
   * Office-level escalation handlers, tried after the flows' own: error class name -> the flow
   * (and node) that handles it, run as a new flow run with the error as its argument.
   */
  readonly escalations?: Readonly<Record<string, OfficeEscalationTarget>>;
  /**
   * The teams file used when the deployer names none (`--teams FILE`, `JOBFLOOR_TEAMS`).
   * Default: none, every job runs inline.
   */
  readonly teams?: TeamsSource;
  /** Default readiness timeout of dependencies, in milliseconds. Default: 30 000. */
  readonly dependencyTimeoutMs?: number;
}
