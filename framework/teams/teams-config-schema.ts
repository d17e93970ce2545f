import { z } from 'zod';

const teamName = z
  .string()
  .regex(/^[A-Za-z][\w-]*$/, 'a team name starts with a letter and holds letters, digits, _ and -')
  .describe('The name of a team defined under "teams", or "inline".');

const inlineTeam = z
  .object({ kind: z.literal('inline').describe('Runs jobs on the caller\'s turn, with no queue (the default team).') })
  .strict();

const eventLoopTeam = z
  .object({
    kind: z.literal('event-loop').describe('Runs jobs on the main thread, at most `concurrency` at once (a bulkhead).'),
    concurrency: z.int().min(1).describe('How many of the team\'s jobs may run at once.'),
    maxQueue: z
      .int()
      .min(0)
      .default(1000)
      .describe('How many runs may wait for a slot before TeamOverloadError escalates. Default 1000.'),
  })
  .strict();

const threadPoolTeam = z
  .object({
    kind: z.literal('thread-pool').describe('Runs jobs on worker threads (piscina), off the main thread: for CPU-heavy jobs.'),
    threads: z
      .object({
        min: z.int().min(0).default(1).describe('Threads kept alive. Default 1.'),
        max: z.int().min(1).describe('The most threads the team starts under load.'),
      })
      .strict()
      .refine((threads) => threads.min <= threads.max, { message: 'threads.min must not exceed threads.max', path: ['min'] }),
    maxQueue: z
      .int()
      .min(0)
      .default(256)
      .describe('How many jobs may wait for a thread before TeamOverloadError escalates. Default 256.'),
    idleTimeoutMs: z.int().min(0).default(30_000).describe('How long a thread above min may idle before it ends. Default 30000.'),
    maxOldGenerationSizeMb: z
      .int()
      .min(16)
      .optional()
      .describe("Each thread's heap limit in MB; a job that exceeds it ends its thread and escalates. Default: Node's."),
  })
  .strict();

/** One team of the teams file, by kind. */
export const teamDefinitionSchema = z.discriminatedUnion('kind', [inlineTeam, eventLoopTeam, threadPoolTeam]);

const jobRule = z
  .object({
    job: z.string().min(1).describe('A job name or glob (`*` any characters, `?` one), e.g. "Sim*.compute*".'),
    team: teamName,
  })
  .strict()
  .describe('Runs the matching jobs on the team. Job rules beat dependency rules; the first matching job rule wins.');

const dependencyRule = z
  .object({
    dependency: z
      .string()
      .min(1)
      .describe('A dependency name (class or token name) or glob; matches jobs that use it, also through other dependencies.'),
    team: teamName,
  })
  .strict()
  .describe('Runs every job that needs the dependency on the team, unless a job rule names the job.');

/** The `teams.config.json` format: the teams of a deployment and which jobs run on them. */
export const teamsConfigSchema = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    teams: z.record(teamName, teamDefinitionSchema).default({}).describe('The teams, by name.'),
    assign: z.array(z.union([jobRule, dependencyRule])).default([]).describe('Which jobs run on which team.'),
  })
  .strict()
  .describe('jobfloor teams: which team (thread, concurrency limit) runs each job. Chosen at deploy time.');

/** A validated teams file, defaults filled in. */
export type TeamsConfig = z.output<typeof teamsConfigSchema>;
/** One team of a validated teams file. */
export type TeamDefinition = z.output<typeof teamDefinitionSchema>;
/** One assignment rule. */
export type AssignmentRule = TeamsConfig['assign'][number];
