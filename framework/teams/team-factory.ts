import { EventLoopTeam } from './event-loop-team.js';
import { InlineTeam } from './inline-team.js';
import type { Team } from './team.js';
import type { TeamDefinition } from './teams-config-schema.js';

/** Creates the team a validated definition describes. */
export function createTeam(name: string, definition: TeamDefinition): Team {
  switch (definition.kind) {
    case 'inline':
      return new InlineTeam(name);
    case 'event-loop':
      return new EventLoopTeam(name, { concurrency: definition.concurrency, maxQueue: definition.maxQueue });
  }
}
