import { JobfloorError } from '../errors/jobfloor-error.js';

/**
 * The flow run was cancelled (its AbortSignal aborted, or the office stopped). It ends the run:
 * the run's own handlers are jobs of the cancelled run and do not run; an office-level handler
 * may still take it.
 */
export class FlowCancelledError extends JobfloorError {
  constructor(
    readonly flow: string,
    readonly node: string,
    readonly traceId: string,
    reason: unknown,
  ) {
    super('JOBFLOOR_FLOW_CANCELLED', `Flow run of '${flow}' (trace ${traceId}) was cancelled at node '${node}': ${describe(reason)}`, {
      cause: reason,
    });
  }
}

/** A job used its `@flows()` object in a way the flow semantics do not allow. */
export class FlowMisuseError extends JobfloorError {
  static multipleGotos(job: string, methods: readonly string[]): FlowMisuseError {
    return new FlowMisuseError(
      'JOBFLOOR_FLOW_MULTIPLE_GOTO',
      `Job '${job}' called ${methods.length} flows without awaiting them (${methods.join(', ')}); ` +
        `a job may replace its next by only one. Await the flows that should run now, and leave one unawaited.`,
    );
  }

  static lateCall(job: string, method: string): FlowMisuseError {
    return new FlowMisuseError(
      'JOBFLOOR_FLOW_LATE_CALL',
      `Job '${job}' called flow '${method}' after it had returned. ` +
        `Call flows while the job runs: await them, or call one without awaiting to replace next.`,
    );
  }
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? 'no reason given' : String(reason);
}
