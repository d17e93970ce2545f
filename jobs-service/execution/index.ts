/**
 * Execution systems of the jobs service (issue 5): `local` runs an app as a detached process in a
 * work directory; `sim` runs a program of simulated steps. docs/jobs-service/execution.md explains both.
 */
export { fillCommand, type CommandScalar, type CommandValue } from './fill-command.js';
export { launchLocalProcess, DEFAULT_GRACE_MS, DEFAULT_START_TIMEOUT_MS, type LaunchLocalOptions } from './launch-local-process.js';
export { findLocalProcess } from './find-local-process.js';
export { inspectLocalProcess, type LocalProcessExited, type LocalProcessLost, type LocalProcessRunning, type LocalProcessStatus } from './inspect-local-process.js';
export { killLocalProcess, type KillLocalOptions } from './kill-local-process.js';
export { parseLocalProcessHandle, type ExitRecord, type LocalProcessHandle } from './local-records.js';
export { describeExit, formatRunTime } from './exit-message.js';
export { appEnvironment, INHERITED_VARIABLES } from './app-environment.js';
export { workDirLayout, CONTROL_DIR_NAME, type WorkDirLayout } from './work-dir-layout.js';
export { checkSimProgram, parseSimProgram, MAX_COMPUTE_ITERATIONS, MAX_SLEEP_MS, MAX_STEPS, type SimStep, type SimStepKind } from './sim-program.js';
export { simCompute } from './sim-compute.js';
export { runSimProgram, DEFAULT_HTTP_TIMEOUT_MS, type RunSimProgramOptions, type SimOutcome } from './run-sim-program.js';
export {
  CommandTemplateError,
  ExecutionError,
  executionErrorCodes,
  LocalAlreadyLaunchedError,
  LocalHandleError,
  LocalKillError,
  LocalLaunchError,
  type ExecutionErrorCode,
} from './execution-errors.js';
export { SimProgramError, SimStartError, SimStepFailedError, type SimProgramProblem, type SimStepFailure } from './sim-errors.js';
