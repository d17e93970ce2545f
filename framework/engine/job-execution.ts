// Imported rather than the global, whose lazy getter costs a call on every read (Node 20).
import { performance } from 'node:perf_hooks';
import type { DependencyContainer } from '../dependencies/dependency-container.js';
import type { JobDefinition } from '../jobs/job-definition.js';
import type { Logger } from '../logging/logger.js';
import type { TeamJob } from '../teams/team.js';
import type { RuntimeNode } from './engine-host.js';
import type { FlowSink } from './flow-controller.js';
import { JobCall, type JobCallHost } from './job-call.js';
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
export class JobExecution implements TeamJob, FlowSink, JobCallHost {
  team = '';
  /** `performance.now()` when the job asked its team for room, started, and ended. */
  queuedAt = 0;
  startedAt = 0;
  endedAt = 0;
  goto: Goto | undefined;
  #call: JobCall | undefined;
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

  /** CPU time is measured only for records someone reads: a traced run, or a `job:end` listener. */
  get measuresCpu(): boolean {
    return this.run.trace !== undefined || this.executor.host.recordsListened.listened;
  }

  /** CPU milliseconds of the job's synchronous part on this thread (see `JobCall`); undefined if unmeasured or run elsewhere. */
  get cpuTimeMs(): number | undefined {
    return this.#call?.cpuTimeMs;
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

  markStarted(at?: number): void {
    if (this.startedAt === 0) this.startedAt = at ?? performance.now();
  }

  /**
   * Calls the job on this thread; returns what it returned (a promise if it is async or a
   * dependency is not ready yet). The engine then calls `finish` or `abandon`.
   */
  runHere(): unknown {
    this.markStarted();
    this.#call = new JobCall(this.definition, this);
    return this.#call.start();
  }

  /** See `JobCall.finish`; nothing to do for a job that ran on another thread. */
  finish(): Promise<void> | undefined {
    return this.#call?.finish();
  }

  /** See `JobCall.abandon`. */
  abandon(error: unknown): Promise<void> | undefined {
    return this.#call?.abandon(error);
  }

  scope(scope: 'process' | 'flow'): DependencyContainer {
    return scope === 'process' ? this.executor.host.processScope : this.run.flowScope;
  }

  jobScopeParent(): DependencyContainer {
    return this.run.flowScope;
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
