// Imported rather than the global, whose lazy getter costs a call on every read (Node 20).
import { performance } from 'node:perf_hooks';
import { isPromise, type DependencyContainer } from '../dependencies/dependency-container.js';
import { JobContext } from '../jobs/job-context.js';
import type { JobDefinition, ParameterRole } from '../jobs/job-definition.js';
import type { Logger } from '../logging/logger.js';
import type { TeamJob } from '../teams/team.js';
import type { RuntimeNode } from './engine-host.js';
import { createFlowsObject, FlowController, type FlowSink } from './flow-controller.js';
import type { FlowExecutor } from './flow-executor.js';
import type { FlowRun } from './flow-run.js';
import type { Lane } from './lane.js';

/** The node a job's unawaited flow call replaces its next with. */
export interface Goto {
  readonly method: string;
  readonly target: RuntimeNode;
  readonly argument: unknown;
}

/**
 * One execution of a job at a node of a flow run. It is what a team runs (`TeamJob`), what the
 * job's `JobContext` reads, and where its flow calls go.
 */
export class JobExecution implements TeamJob, FlowSink {
  team = '';
  /** `performance.now()` when the job asked its team for room, started, and ended. */
  queuedAt = 0;
  startedAt = 0;
  endedAt = 0;
  goto: Goto | undefined;
  #controller: FlowController | undefined;
  #jobScope: DependencyContainer | undefined;
  #logger: Logger | undefined;

  constructor(
    readonly executor: FlowExecutor,
    readonly run: FlowRun,
    readonly at: RuntimeNode,
    readonly argument: unknown,
    readonly lane: Lane,
  ) {}

  get definition(): JobDefinition {
    return this.at.job!;
  }

  get job(): string {
    return this.at.job!.name;
  }

  get flow(): string {
    return this.at.flow.name;
  }

  get node(): string {
    return this.at.name;
  }

  get traceId(): string {
    return this.run.traceId;
  }

  get signal(): AbortSignal {
    return this.run.signal;
  }

  get neededBy(): string {
    return `job ${this.job} at node '${this.node}' of flow '${this.flow}'`;
  }

  get logger(): Logger {
    return (this.#logger ??= this.executor.host.logger.child({
      traceId: this.traceId,
      flow: this.flow,
      node: this.node,
      job: this.job,
      team: this.team,
    }));
  }

  markStarted(): void {
    if (this.startedAt === 0) this.startedAt = performance.now();
  }

  /**
   * Resolves the job's parameters and calls it; returns what the job returned (a promise if it
   * is async or a dependency is not ready yet). The engine then calls `finish` or `abandon`.
   */
  runHere(): unknown {
    this.markStarted();
    const roles = this.definition.parameters;
    const args = new Array<unknown>(roles.length);
    let waiting = false;
    for (let i = 0; i < roles.length; i++) {
      const value = this.#argumentFor(roles[i]!);
      if (isPromise(value)) waiting = true;
      args[i] = value;
    }
    const { method, instance } = this.definition;
    return waiting ? Promise.all(args).then((ready) => method.apply(instance, ready)) : method.apply(instance, args);
  }

  /**
   * Completes a job that returned: its unawaited flow becomes the goto (two is a misuse, thrown),
   * and its job-scoped dependencies are disposed. Returns a promise only when there are some.
   */
  finish(): Promise<void> | undefined {
    try {
      this.#controller?.close();
    } catch (misuse) {
      const disposed = this.#jobScope?.dispose({ succeeded: false, error: misuse });
      if (disposed === undefined) throw misuse;
      return disposed.then(() => Promise.reject(misuse));
    }
    return this.#jobScope?.dispose({ succeeded: true }).then((failures) => {
      if (failures[0] !== undefined) throw failures[0];
    });
  }

  /**
   * Ends a job that threw: drops its pending flows and disposes its job-scoped dependencies. The
   * job's escalation goes on; a disposal failure beside it is logged, not lost.
   */
  abandon(error: unknown): Promise<void> | undefined {
    this.#controller?.abandon();
    return this.#jobScope?.dispose({ succeeded: false, error }).then((failures) => {
      for (const failure of failures) this.logger.error({ err: failure }, failure.message);
    });
  }

  callFlow(method: string, argument: unknown): Promise<unknown> {
    return this.executor.callFlow(this, this.#link(method).target, argument);
  }

  spawnFlow(method: string, argument: unknown): void {
    this.executor.host.spawn(this.#link(method).target, argument, this.lane.team, this.traceId);
  }

  setGoto(method: string, argument: unknown): void {
    this.goto = { method, target: this.#link(method).target, argument };
  }

  isSpawn(method: string): boolean {
    return this.#link(method).spawn;
  }

  checkin(message: string): void {
    const { traceId, flow, node, job, team } = this;
    this.executor.host.recordCheckin({ traceId, flow, node, job, team, message, at: Date.now() }, this.run);
  }

  #argumentFor(role: ParameterRole): unknown {
    switch (role.kind) {
      case 'param':
        return this.argument;
      case 'context':
        return new JobContext(this);
      case 'flows':
        this.#controller = new FlowController(this);
        return createFlowsObject(this.definition.flowMethods, this.#controller);
      case 'dependency':
        return this.#scopeFor(role.provider.scope).resolve(role.provider, this);
      case 'unresolved':
        return undefined;
    }
  }

  #scopeFor(scope: 'process' | 'flow' | 'job'): DependencyContainer {
    if (scope === 'process') return this.executor.host.processScope;
    if (scope === 'flow') return this.run.flowScope;
    return (this.#jobScope ??= this.run.flowScope.child('job'));
  }

  #link(method: string): { target: RuntimeNode; spawn: boolean } {
    const link = this.at.links.get(method);
    if (link === undefined) {
      // Start-up checks that every declared flow method is wired, so this is a method the job
      // did not declare (a remote team passing an arbitrary name).
      throw new Error(`Node '${this.node}' of flow '${this.flow}' does not wire flow method '${method}' of job '${this.job}'.`);
    }
    return link;
  }
}
