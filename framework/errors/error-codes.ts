/**
 * Every error code the framework raises, with a one-line meaning. `docs/errors.md` documents each
 * code with its fix; a test keeps the two in step, so a new code needs a line here and a section
 * there.
 */
export const errorCodes = {
  // Jobs: found when the office starts and reads the job classes.
  JOBFLOOR_JOB_DUPLICATE_PARAM: 'a job declares more than one @param() parameter',
  JOBFLOOR_JOB_DUPLICATE_FLOWS: 'a job declares more than one @flows() parameter',
  JOBFLOOR_JOB_NO_FLOW_METHODS: 'a @flows() parameter lists no flow methods',
  JOBFLOOR_JOB_NO_TYPE_METADATA: 'a job was compiled without decorator metadata',
  JOBFLOOR_JOB_UNTYPED_PARAMETER: 'a job parameter has no runtime class to inject by',
  JOBFLOOR_JOB_UNREGISTERED_DEPENDENCY: 'a job needs a dependency that no provider supplies',
  JOBFLOOR_JOB_DUPLICATE_NAME: 'two jobs have the same name',
  JOBFLOOR_JOB_CLASS_WITHOUT_JOBS: 'a class listed as jobs has no @job() method',
  // Dependencies.
  JOBFLOOR_DEPENDENCY_DUPLICATE: 'two providers supply the same token',
  JOBFLOOR_DEPENDENCY_UNREGISTERED: 'a provider depends on a token that no provider supplies',
  JOBFLOOR_DEPENDENCY_CYCLE: 'dependencies depend on each other in a cycle',
  JOBFLOOR_DEPENDENCY_SCOPE_MISMATCH: 'a dependency depends on one that lives shorter than itself',
  JOBFLOOR_DEPENDENCY_NO_FACTORY: 'a token that is not a class was provided without create()',
  JOBFLOOR_DEPENDENCY_TIMEOUT: 'a dependency was not ready within its readiness timeout',
  JOBFLOOR_DEPENDENCY_DISPOSE_FAILED: 'disposing a dependency failed',
  // Flow graphs.
  JOBFLOOR_FLOW_UNREADABLE: 'a flow file cannot be read or is not JSON',
  JOBFLOOR_FLOW_INVALID: 'a flow file does not match the flow graph schema',
  JOBFLOOR_FLOW_DUPLICATE_NAME: 'two flow files declare the same flow name',
  JOBFLOOR_FLOW_UNKNOWN_JOB: 'a node names a job that the office does not have',
  JOBFLOOR_FLOW_UNKNOWN_NODE: 'a link names a node that the flow does not have',
  JOBFLOOR_FLOW_UNKNOWN_FLOW: 'a sub-flow node or office escalation names a flow that does not exist',
  JOBFLOOR_FLOW_UNKNOWN_FLOW_METHOD: "a node wires a flow method that the job's @flows() does not declare",
  JOBFLOOR_FLOW_UNWIRED_FLOW_METHOD: "a node does not wire one of its job's flow methods",
  JOBFLOOR_FLOW_MULTIPLE_GOTO: 'a job called more than one flow without awaiting it',
  JOBFLOOR_FLOW_LATE_CALL: 'a job called a flow method after it had returned',
  JOBFLOOR_FLOW_CANCELLED: 'the flow run was cancelled',
  // Teams.
  JOBFLOOR_TEAMS_UNREADABLE: 'the teams file cannot be read or is not JSON',
  JOBFLOOR_TEAMS_INVALID: 'the teams file does not match the teams schema',
  JOBFLOOR_TEAMS_UNKNOWN_TEAM: 'an assignment rule names a team that is not defined',
  JOBFLOOR_TEAMS_CONFLICTING_RULES: 'dependency rules give one job different teams',
  JOBFLOOR_TEAMS_FLOW_SCOPE_ON_THREAD_POOL: 'a job on a thread-pool team needs a flow-scoped dependency',
  JOBFLOOR_TEAM_OVERLOAD: "a team's queue is full",
  JOBFLOOR_TEAM_STOPPED: 'a job was given to a team that has stopped',
  JOBFLOOR_TEAM_UNCLONEABLE_VALUE: 'a value cannot cross to or from a worker thread',
  JOBFLOOR_TEAM_WORKER_CRASHED: 'the worker thread running a job died',
  JOBFLOOR_TEAM_WORKER_NO_OFFICE: 'a worker thread found no office in the office module',
  // Office.
  JOBFLOOR_OFFICE_STARTUP: 'the office found configuration problems and did not start',
  JOBFLOOR_OFFICE_STATE: 'an office operation was called in a state that does not allow it',
  JOBFLOOR_OFFICE_NO_MODULE: 'an office with a thread-pool team does not say which module defines it',
  JOBFLOOR_OFFICE_MODULE_NOT_COMPILED: 'a thread-pool team would have to run TypeScript sources on its workers',
  JOBFLOOR_OFFICE_UNKNOWN_FLOW: 'invoke() named a flow that the office does not have',
  JOBFLOOR_OFFICE_UNKNOWN_NODE: 'invoke() asked to start at a node that the flow does not have',
} as const;

/** A stable error code; see `docs/errors.md`. */
export type ErrorCode = keyof typeof errorCodes;
