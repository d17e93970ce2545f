import type { Team } from '../teams/team.js';

/** What the flow compiler needs of a job; the runtime's `JobDefinition` and the tools' catalogue both fit. */
export interface PlannableJob {
  readonly name: string;
  readonly flowMethods: readonly string[];
}

/** Escalation handlers of a node or a flow: error class name -> handler node. */
export type EscalationTable<J extends PlannableJob = PlannableJob> = ReadonlyMap<string, CompiledNode<J>>;

/** A flow-interface method wired to a node. */
export interface FlowLink<J extends PlannableJob = PlannableJob> {
  readonly method: string;
  readonly target: CompiledNode<J>;
  /** Start the target as an independent run instead of a goto or call. */
  readonly spawn: boolean;
}

/** One node of a compiled flow: its links resolved to nodes, ready to execute. */
export interface CompiledNode<J extends PlannableJob = PlannableJob> {
  readonly name: string;
  readonly flow: CompiledFlow<J>;
  /** `file#/nodes/name`, for messages. */
  readonly location: string;
  /** The job it runs, or undefined for a sub-flow node. */
  readonly job: J | undefined;
  /** The flow it runs as a sub-flow, for sub-flow nodes. */
  subflow: CompiledFlow<J> | undefined;
  next: CompiledNode<J> | undefined;
  readonly links: Map<string, FlowLink<J>>;
  escalations: EscalationTable<J> | undefined;
  /** The team its job is assigned to; undefined: the team of the job before it. Set at start-up. */
  team: Team | undefined;
}

/** A flow graph compiled into linked nodes. */
export interface CompiledFlow<J extends PlannableJob = PlannableJob> {
  readonly name: string;
  readonly file: string;
  readonly nodes: ReadonlyMap<string, CompiledNode<J>>;
  start: CompiledNode<J> | undefined;
  escalations: EscalationTable<J> | undefined;
}
