import type { DependencyContainer } from '../dependencies/dependency-container.js';
import type { CompiledNode } from '../flows/flow-plan.js';
import type { JobDefinition } from '../jobs/job-definition.js';
import type { Logger } from '../logging/logger.js';
import type { Team } from '../teams/team.js';
import type { FlowRun } from './flow-run.js';
import type { JobExecution } from './job-execution.js';
import type { JobCheckin } from './job-execution-record.js';

/** A node of a compiled plan whose jobs are runtime job definitions. */
export type RuntimeNode = CompiledNode<JobDefinition>;

/** What the engine needs from the office that hosts it. */
export interface EngineHost {
  /** This thread's process-scoped dependencies. */
  readonly processScope: DependencyContainer;
  readonly logger: Logger;
  /** True while someone reads job records (a listener or a traced run): only then is CPU time measured. */
  readonly recordsListened: { readonly listened: boolean };
  /** The team of a run's first job when it has none of its own. */
  readonly defaultTeam: Team;
  /** Receives each job execution when it has ended (its timings are set). */
  recordJob(execution: JobExecution, failed: boolean, error: unknown): void;
  /** Receives a job's progress report. */
  recordCheckin(checkin: JobCheckin, run: FlowRun): void;
  /** Starts `node` as an independent flow run (a spawn link), on `team` unless its job has one. */
  spawn(node: RuntimeNode, argument: unknown, team: Team, traceId: string): void;
}
