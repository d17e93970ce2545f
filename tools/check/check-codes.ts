/**
 * The codes of the problems that only `jobfloor check` finds: what the runtime cannot know because
 * it sees no types and runs no flow ahead of time. Everything the runtime refuses at start-up is
 * reported with the runtime's own codes (framework/errors/error-codes.ts). `docs/tools.md` has a
 * section per code; a test keeps the two in step.
 */
export const checkCodes = {
  JOBFLOOR_CHECK_OFFICE_NOT_STATIC: 'part of an office definition can only be known by running it',
  JOBFLOOR_CHECK_NEXT_TYPE: "a node's result (or a sub-flow's) is not assignable to the @param of the node it goes next to",
  JOBFLOOR_CHECK_FLOW_ARGUMENT_TYPE: "a flow method's argument is not assignable to the @param of the node it is wired to",
  JOBFLOOR_CHECK_CALL_RESULT_TYPE: 'what a called flow can end with is not assignable to what the flow method returns',
  JOBFLOOR_CHECK_HANDLER_TYPE: "an escalation handler's @param does not accept the escalation routed to it",
  JOBFLOOR_CHECK_UNKNOWN_ESCALATION_CLASS: 'an escalation table names an error class that does not exist',
  JOBFLOOR_CHECK_UNHANDLED_ESCALATION: 'a declared escalation has no handler at node, flow or office level',
  JOBFLOOR_CHECK_UNREACHABLE_NODE: 'no link leads to a node',
  JOBFLOOR_CHECK_UNLISTED_FLOW_METHOD: "a method of a job's flow interface is missing from its @flows() list",
  JOBFLOOR_CHECK_FLOW_METHOD_NOT_IN_INTERFACE: "@flows() lists a name that is not a method of the job's flow interface",
  JOBFLOOR_CHECK_RULE_MATCHES_NOTHING: 'a team rule matches no job or dependency',
  JOBFLOOR_CHECK_UNCLONEABLE_ON_THREAD_POOL: 'a thread-pool job takes or returns a value that cannot be structured-cloned',
} as const;

/** A code of a problem found by `jobfloor check` alone. */
export type CheckCode = keyof typeof checkCodes;
