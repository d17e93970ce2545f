import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import type { TeamJob } from '../team.js';
import { locateUncloneable } from './clone-check.js';
import { javaScriptUrl } from './compiled-sources.js';
import { encodeArgument, serializeError } from './serialized-error.js';
import { TaskStatus } from './task-status.js';
import { UncloneableValueError } from './thread-pool-errors.js';
import type { ThreadPoolTeam } from './thread-pool-team.js';
import type { FromWorker, ToWorker, WorkerOutcome, WorkerTask } from './worker-protocol.js';

/**
 * One job's task on the pool: the main thread's end of the worker protocol. A job that talks back
 * gets a port, on which its logs, check-ins, spawns, called flows and outcome arrive. Cancellation
 * takes a queued task out of the queue and tells a running job (see `TaskStatus`).
 */
export class WorkerTaskRun {
  readonly status = new TaskStatus();
  readonly #port: MessagePort | undefined;
  readonly #workerPort: MessagePort | undefined;
  readonly #leaveQueue = new AbortController();
  readonly #onAbort = (): void => this.#abort();
  #settle: (outcome: WorkerOutcome) => void = () => {};
  readonly #outcome = new Promise<WorkerOutcome>((resolve) => (this.#settle = resolve));

  constructor(
    readonly team: ThreadPoolTeam,
    readonly job: TeamJob,
  ) {
    if (talksBack(job)) {
      const { port1, port2 } = new MessageChannel();
      this.#port = port1;
      this.#workerPort = port2;
      port1.on('message', (message: FromWorker) => this.#receive(message));
    }
    job.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  async run(pool: Piscina): Promise<WorkerOutcome> {
    const { job, team } = this;
    if (job.signal.aborted) throw Object.assign(new Error('cancelled before it was queued'), { name: 'AbortError' });
    const task: WorkerTask = {
      officeModule: javaScriptUrl(team.office.url),
      officeName: team.office.name,
      job: job.job,
      argument: encodeArgument(job.argument),
      traceId: job.traceId,
      flow: job.flow,
      node: job.node,
      team: team.name,
      spawnMethods: job.definition.flowMethods.filter((method) => job.isSpawn(method)),
      logLevel: team.logLevel,
      status: this.status.buffer,
      port: this.#workerPort,
    };
    const reply = pool.run(task, { transferList: this.#workerPort ? [this.#workerPort] : [], signal: this.#leaveQueue.signal }) as Promise<WorkerOutcome | undefined>;
    if (this.#port === undefined) return (await reply)!;
    const [, outcome] = await Promise.all([reply, this.#outcome]);
    return outcome;
  }

  close(): void {
    this.job.signal.removeEventListener('abort', this.#onAbort);
    if (this.status.started) this.job.markStarted(this.status.startedAt);
    this.#port?.close();
  }

  #abort(): void {
    // A job without a port has no signal to see; its result is dropped by the cancelled run.
    if (this.status.started) this.#send({ type: 'abort', reason: describe(this.job.signal.reason) });
    else this.#leaveQueue.abort(this.job.signal.reason);
  }

  #receive(message: FromWorker): void {
    switch (message.type) {
      case 'log':
        return this.#log(message.line);
      case 'checkin':
        return this.job.checkin(message.message);
      case 'spawn':
        return this.job.spawnFlow(message.method, message.argument);
      case 'call':
        return this.#call(message.id, message.method, message.argument);
      case 'result':
        return this.#settle(message.outcome);
    }
  }

  /** Runs a flow the worker's job awaits, on the main thread, and sends back its result or escalation. */
  #call(id: number, method: string, argument: unknown): void {
    this.job.callFlow(method, argument).then(
      (value) => {
        try {
          this.#send({ type: 'call-result', id, ok: true, value });
        } catch (error) {
          const part = locateUncloneable(value, `the result of flow '${method}'`);
          this.#send({ type: 'call-result', id, ok: false, error: serializeError(new UncloneableValueError(this.job.job, this.team.name, part, error)) });
        }
      },
      (error: unknown) => this.#send({ type: 'call-result', id, ok: false, error: serializeError(error) }),
    );
  }

  /** Writes a worker's log line through the job's logger, at its level, with its fields. */
  #log(line: string): void {
    const { level, msg, time: _time, ...fields } = JSON.parse(line) as { level: number; msg?: string; time?: number } & Record<string, unknown>;
    const logger = this.job.logger;
    const method = (logger.levels.labels[level] ?? 'info') as 'info';
    logger[method](fields, msg);
  }

  #send(message: ToWorker): void {
    this.#port?.postMessage(message);
  }
}

/** A job with flows or a JobContext sends messages while it runs, so its task gets a port. */
function talksBack(job: TeamJob): boolean {
  return job.definition.flowMethods.length > 0 || job.definition.parameters.some((role) => role.kind === 'context');
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
