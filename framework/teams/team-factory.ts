import { EventLoopTeam } from './event-loop-team.js';
import { InlineTeam } from './inline-team.js';
import type { Team } from './team.js';
import type { TeamDefinition } from './teams-config-schema.js';
import { ThreadPoolTeam, type OfficeModule } from './thread-pool/thread-pool-team.js';

/** What teams need to know of the office that creates them. */
export interface TeamContext {
  /** The office module workers import; start-up makes sure it is there for a thread-pool team. */
  readonly officeModule: OfficeModule | undefined;
  /** The office logger's level, for workers' log lines. */
  readonly logLevel: string;
}

/** Creates the team a validated definition describes. */
export function createTeam(name: string, definition: TeamDefinition, context: TeamContext): Team {
  switch (definition.kind) {
    case 'inline':
      return new InlineTeam(name);
    case 'event-loop':
      return new EventLoopTeam(name, { concurrency: definition.concurrency, maxQueue: definition.maxQueue });
    case 'thread-pool':
      return new ThreadPoolTeam(name, definition, context.officeModule!, context.logLevel);
  }
}
