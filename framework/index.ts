/**
 * jobfloor's framework: jobs (decorated methods), dependencies, flow graphs, teams and the office
 * that runs them. See docs/framework.md.
 */
export { flows, inject, job, param } from './jobs/decorators.js';
export type { JobOptions } from './jobs/job-declarations.js';
export { JobContext } from './jobs/job-context.js';
export type { JobDefinition, ParameterRole } from './jobs/job-definition.js';

export { createToken, DependencyKey, tokenName, type Constructor, type Token } from './dependencies/token.js';
export { provide, type DependencyProvider, type DependencyScope, type DisposeOutcome, type ProvideOptions } from './dependencies/provide.js';
export { DependencyDisposeError, DependencyTimeoutError } from './dependencies/dependency-errors.js';

export { flowGraphSchema, type FlowGraph, type FlowGraphNode } from './flows/flow-graph-schema.js';
export type { FlowsSource, LoadedFlowGraph } from './flows/flow-files.js';

export { FlowCancelledError, FlowMisuseError } from './engine/flow-errors.js';
export { ESCALATION_CHAIN, escalationChain } from './engine/escalation.js';
export type { JobCheckin, JobExecutionRecord, JobOutcome } from './engine/job-execution-record.js';
export type { EscalationOrigin } from './engine/flow-executor.js';

export type { Team, TeamJob, TeamKind, TeamSlot, TeamWaiter } from './teams/team.js';
export { TeamOverloadError, TeamStoppedError } from './teams/team-errors.js';
export { teamsConfigSchema, type TeamsConfig, type TeamDefinition, type AssignmentRule } from './teams/teams-config-schema.js';
export { teamsFileFromDeployment, type TeamsSource } from './teams/teams-config-loader.js';
export { INLINE_TEAM, type TeamAssignment } from './teams/team-assignment.js';

export { defineOffice, Office, type OfficeStartOptions, type OfficeState, type OfficeStopOptions, type RunTrace } from './office/office.js';
export type { OfficeDefinition, OfficeEscalationTarget } from './office/office-definition.js';
export type { OfficeEventMap, UnhandledEscalation } from './office/office-events.js';
export type { RunOptions } from './office/office-runtime.js';

export { JobfloorError } from './errors/jobfloor-error.js';
export { errorCodes, type ErrorCode } from './errors/error-codes.js';
export { OfficeStartupError, OfficeStateError, UnknownFlowError } from './errors/office-errors.js';
export type { ConfigurationIssue } from './errors/configuration-issue.js';
export type { Logger } from './logging/logger.js';
