/**
 * Errors of the execution systems (`local` and `sim`). Each has a stable `code` that callers route
 * on (never the message text), and a message that says what was wrong and how to fix it.
 * docs/jobs-service/execution.md documents every code.
 */

/** Every code an execution error carries, with a one-line meaning. */
export const executionErrorCodes = {
  JOBFLOOR_EXECUTION_COMMAND_INVALID: "an app's command template cannot be filled with the job's parameters",
  JOBFLOOR_EXECUTION_LAUNCH_FAILED: 'a local process could not be started',
  JOBFLOOR_EXECUTION_ALREADY_LAUNCHED: 'a work directory already holds a launched process',
  JOBFLOOR_EXECUTION_HANDLE_INVALID: 'a stored process handle or process file is not in the expected shape',
  JOBFLOOR_EXECUTION_KILL_FAILED: 'a process group survived SIGKILL',
  JOBFLOOR_EXECUTION_SIM_PROGRAM_INVALID: 'a sim program has lines that are not steps',
  JOBFLOOR_EXECUTION_SIM_START_INVALID: 'a sim program was asked to start at a step it does not have',
  JOBFLOOR_EXECUTION_SIM_STEP_FAILED: 'a step of a sim program failed',
} as const;

/** A stable code of an execution error. */
export type ExecutionErrorCode = keyof typeof executionErrorCodes;

/** The base of execution errors. */
export class ExecutionError extends Error {
  readonly code: ExecutionErrorCode;

  constructor(code: ExecutionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The class name, so that subclasses print and match as themselves (also across threads). */
  override get name(): string {
    return this.constructor.name;
  }
}

/** A command template that cannot be filled: an unknown placeholder, an unusable value. */
export class CommandTemplateError extends ExecutionError {
  constructor(message: string) {
    super('JOBFLOOR_EXECUTION_COMMAND_INVALID', message);
  }
}

/** The launcher or the app could not be started; `workDir` says where to look for launcher.log. */
export class LocalLaunchError extends ExecutionError {
  constructor(
    readonly workDir: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('JOBFLOOR_EXECUTION_LAUNCH_FAILED', message, options);
  }
}

/**
 * A second launch in a work directory that already has one. Launching twice would run the app
 * twice; a worker that lost track of its launch finds it again with `findLocalProcess(workDir)`.
 */
export class LocalAlreadyLaunchedError extends ExecutionError {
  constructor(readonly workDir: string) {
    super(
      'JOBFLOOR_EXECUTION_ALREADY_LAUNCHED',
      `${workDir} already has a launched process; use findLocalProcess() to get its handle instead of launching again, or give the job a fresh work directory`,
    );
  }
}

/** A handle or a process file that does not have the expected shape. */
export class LocalHandleError extends ExecutionError {
  constructor(message: string) {
    super('JOBFLOOR_EXECUTION_HANDLE_INVALID', message);
  }
}

/** A process group that was still there after SIGKILL and the wait for it (a process stuck in the kernel). */
export class LocalKillError extends ExecutionError {
  constructor(readonly pgid: number, waitedMs: number) {
    super(
      'JOBFLOOR_EXECUTION_KILL_FAILED',
      `process group ${pgid} was still running ${waitedMs} ms after SIGKILL (a process stuck in uninterruptible I/O?); try killLocalProcess() again later or check the host`,
    );
  }
}
