/**
 * Errors of the `sim` execution system. A failed step carries `transient` as data (STYLE.md,
 * habit 2), so the lifecycle's escalation handlers can retry a transient failure and fail the job
 * on a permanent one without reading the message.
 */
import { ExecutionError } from './execution-errors.js';

/** One problem of a sim program: its 1-based line and what is wrong there. */
export interface SimProgramProblem {
  readonly line: number;
  readonly message: string;
}

/** A sim program with lines that are not steps; `problems` lists every one, in line order. */
export class SimProgramError extends ExecutionError {
  constructor(readonly problems: readonly SimProgramProblem[]) {
    super(
      'JOBFLOOR_EXECUTION_SIM_PROGRAM_INVALID',
      `the sim program has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map((problem) => `line ${problem.line}: ${problem.message}`).join('; ')}`,
    );
  }
}

/** `startAt` outside the program: a checkpoint that does not belong to this program. */
export class SimStartError extends ExecutionError {
  constructor(startAt: number, stepCount: number) {
    super(
      'JOBFLOOR_EXECUTION_SIM_START_INVALID',
      `cannot start the sim program at step ${startAt}: it has ${stepCount} step${stepCount === 1 ? '' : 's'} (start at 0 to ${stepCount}); was the checkpoint saved for another program?`,
    );
  }
}

/** What a failed step reports. `details` holds plain data such as an HTTP status. */
export interface SimStepFailure {
  readonly transient: boolean;
  readonly stepIndex: number;
  readonly line: number;
  readonly step: string;
  readonly reason: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * A step that failed: `FAIL`, or an `HTTP_CALL` that got no 2xx answer. `transient` says whether
 * running the step again may succeed (a 503, a timeout, `FAIL transient`).
 */
export class SimStepFailedError extends ExecutionError {
  readonly transient: boolean;
  readonly stepIndex: number;
  readonly line: number;
  readonly step: string;
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(failure: SimStepFailure) {
    super('JOBFLOOR_EXECUTION_SIM_STEP_FAILED', `line ${failure.line}: ${failure.step} failed (${failure.transient ? 'transient' : 'permanent'}): ${failure.reason}`);
    this.transient = failure.transient;
    this.stepIndex = failure.stepIndex;
    this.line = failure.line;
    this.step = failure.step;
    this.details = failure.details ?? {};
  }
}
