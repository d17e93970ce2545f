import { FlowMisuseError } from './flow-errors.js';

/** Where a job's flow calls go: the engine on the main thread, or a message port in a worker. */
export interface FlowSink {
  /** The job's name, for messages. */
  readonly job: string;
  /** True when the graph marks the link of `method` as a spawn. */
  isSpawn(method: string): boolean;
  callFlow(method: string, argument: unknown): Promise<unknown>;
  spawnFlow(method: string, argument: unknown): void;
  setGoto(method: string, argument: unknown): void;
}

/**
 * Tracks the flows one job execution takes through its `@flows()` object. A flow method returns
 * a thenable: awaiting it (calling `then`) before the job returns makes it a call, run now; left
 * unawaited it is a goto, taken instead of next when the job returns. Spawn links start at once.
 */
export class FlowController {
  #open = true;
  #gotos: FlowInvocation[] | undefined;

  constructor(readonly sink: FlowSink) {}

  /** Called by a flow method of the job's `@flows()` object. */
  invoke(method: string, argument: unknown): PromiseLike<unknown> {
    if (!this.#open) throw FlowMisuseError.lateCall(this.sink.job, method);
    if (this.sink.isSpawn(method)) {
      this.sink.spawnFlow(method, argument);
      return Promise.resolve(undefined);
    }
    const invocation = new FlowInvocation(this, method, argument);
    (this.#gotos ??= []).push(invocation);
    return invocation;
  }

  /** Turns a pending goto into a call because the job awaits it. */
  call(invocation: FlowInvocation): Promise<unknown> {
    if (!this.#open) return Promise.reject(FlowMisuseError.lateCall(this.sink.job, invocation.method));
    this.#gotos = this.#gotos?.filter((pending) => pending !== invocation);
    return this.sink.callFlow(invocation.method, invocation.argument);
  }

  /**
   * Closes the controller when the job has returned: later flow calls are refused, and the one
   * unawaited flow, if any, becomes the goto. Two or more is a misuse.
   */
  close(): void {
    this.#open = false;
    const gotos = this.#gotos;
    if (gotos === undefined || gotos.length === 0) return;
    if (gotos.length > 1) throw FlowMisuseError.multipleGotos(this.sink.job, gotos.map((g) => g.method));
    this.sink.setGoto(gotos[0]!.method, gotos[0]!.argument);
  }

  /** Closes the controller after the job failed; its pending gotos are dropped. */
  abandon(): void {
    this.#open = false;
    this.#gotos = undefined;
  }
}

/** The value of a flow method: a goto until it is awaited, then a call. */
class FlowInvocation implements PromiseLike<unknown> {
  #called: Promise<unknown> | undefined;

  constructor(
    readonly controller: FlowController,
    readonly method: string,
    readonly argument: unknown,
  ) {}

  then<A = unknown, B = never>(
    onFulfilled?: ((value: unknown) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#called ??= this.controller.call(this);
    return this.#called.then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<unknown> {
    return this.then(undefined, onRejected);
  }
}

const flowsClasses = new Map<string, new (controller: FlowController) => object>();

/**
 * The object a job receives for its `@flows()` parameter: one method per declared flow method,
 * each taking the flow's argument. The class is built once per list of methods.
 */
export function createFlowsObject(methods: readonly string[], controller: FlowController): object {
  const key = methods.join('\u0000');
  let FlowsClass = flowsClasses.get(key);
  if (FlowsClass === undefined) {
    FlowsClass = flowsClassFor(methods);
    flowsClasses.set(key, FlowsClass);
  }
  return new FlowsClass(controller);
}

// A symbol, so that no flow method name can collide with it.
const controllerKey = Symbol('controller');

function flowsClassFor(methods: readonly string[]): new (controller: FlowController) => object {
  class Flows {
    readonly [controllerKey]: FlowController;
    constructor(controller: FlowController) {
      this[controllerKey] = controller;
    }
  }
  for (const method of methods) {
    Object.defineProperty(Flows.prototype, method, {
      value(this: Flows, argument?: unknown) {
        return this[controllerKey].invoke(method, argument);
      },
    });
  }
  return Flows;
}
