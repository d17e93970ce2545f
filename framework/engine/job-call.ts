// Imported rather than the global, whose lazy getter costs a call on every read (Node 20).
import { performance } from 'node:perf_hooks';
import { isPromise, type DependencyContainer } from '../dependencies/dependency-container.js';
import type { DependencyProvider } from '../dependencies/provide.js';
import { JobContext, type JobContextSource } from '../jobs/job-context.js';
import type { JobDefinition, ParameterRole } from '../jobs/job-definition.js';
import { createFlowsObject, FlowController, type FlowSink } from './flow-controller.js';

/** What a job call needs from the thread that runs it: the main thread's engine, or a worker. */
export interface JobCallHost extends FlowSink, JobContextSource {
  /** Named in a dependency's readiness timeout (see `DependencyWaiter`). */
  readonly neededBy: string;
  /** The job's argument (`@param`). */
  readonly argument: unknown;
  /** The container for process- or flow-scoped dependencies. */
  scope(scope: 'process' | 'flow'): DependencyContainer;
  /** Where the job's own scope hangs: the run's flow scope, or a worker's process scope. */
  jobScopeParent(): DependencyContainer;
  /** Measure the CPU time of the call (two `process.cpuUsage()` reads, about a microsecond). Default: no. */
  readonly measuresCpu?: boolean;
}

/**
 * One call of a job method, on whichever thread runs it: fills its parameters (argument,
 * `JobContext`, flows, dependencies, waiting for those not ready), calls it, and afterwards
 * settles its flows (the goto) and disposes its job-scoped dependencies.
 */
export class JobCall {
  /** CPU milliseconds of the job method's synchronous part, when the host measures it (see `#invoke`). */
  cpuTimeMs: number | undefined;
  #controller: FlowController | undefined;
  #jobScope: DependencyContainer | undefined;

  constructor(
    readonly definition: JobDefinition,
    readonly host: JobCallHost,
  ) {}

  /** Calls the job; returns its result, a promise when it is async or a dependency is not ready. */
  start(): unknown {
    const roles = this.definition.parameters;
    const args = new Array<unknown>(roles.length);
    let waiting = false;
    for (let i = 0; i < roles.length; i++) {
      const value = this.#argumentFor(roles[i]!);
      if (isPromise(value)) waiting = true;
      args[i] = value;
    }
    return waiting ? Promise.all(args).then((ready) => this.#invoke(ready)) : this.#invoke(args);
  }

  /**
   * Calls the job method. Measured, its CPU time is that of its synchronous part: the time it holds
   * the thread, from the call until it returns or first awaits, which is what blocks an event loop
   * (`jobfloor teams` advises thread pools from it). `process.cpuUsage()` counts every thread of
   * the process, so the figure is capped by the wall time of that part, which one thread cannot exceed.
   */
  #invoke(args: unknown[]): unknown {
    const { method, instance } = this.definition;
    if (this.host.measuresCpu !== true) return method.apply(instance, args);
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    try {
      return method.apply(instance, args);
    } finally {
      const used = process.cpuUsage(cpuBefore);
      this.cpuTimeMs = Math.min((used.user + used.system) / 1000, performance.now() - wallBefore);
    }
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
      for (const failure of failures) this.host.logger.error({ err: failure }, failure.message);
    });
  }

  #argumentFor(role: ParameterRole): unknown {
    switch (role.kind) {
      case 'param':
        return this.host.argument;
      case 'context':
        return new JobContext(this.host);
      case 'flows':
        this.#controller = new FlowController(this.host);
        return createFlowsObject(this.definition.flowMethods, this.#controller);
      case 'dependency':
        return this.#containerFor(role.provider).resolve(role.provider, this.host);
      case 'unresolved':
        return undefined;
    }
  }

  #containerFor(provider: DependencyProvider): DependencyContainer {
    if (provider.scope !== 'job') return this.host.scope(provider.scope);
    return (this.#jobScope ??= this.host.jobScopeParent().child('job'));
  }
}
