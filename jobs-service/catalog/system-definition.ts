/**
 * System definitions (issue 4, "Apps, systems, tenants, queues"): execution systems run jobs
 * (kinds `local` and `sim` for now), storage systems hold inputs and archives (`file` and `http`).
 * Each execution system has batch queues whose limits bound what a submission may ask for.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { catalogId, countLimit, memoryAmount, runTime } from './definition-fields.js';

/** A queue of an execution system, with its limits; an omitted limit is no limit. */
export const batchQueueSchema = z
  .object({
    name: catalogId('name', 128).describe('The queue name, unique within its system; submissions name it in batchQueue.'),
    default: z.boolean().optional().describe('The queue of submissions that name none (and whose app names none). Default: the first queue.'),
    description: z.string().max(1024).optional(),
    maxNodes: countLimit('maxNodes').optional().describe('Most nodes a job may ask for (nodeCount). Omit for no limit.'),
    maxProcessorsPerNode: countLimit('maxProcessorsPerNode').optional().describe('Most processors per node. Omit for no limit.'),
    maxMemoryPerNode: memoryAmount('maxMemoryPerNode', 'limit').optional().describe('Most memory per node, e.g. "64GB". Omit for no limit.'),
    maxRunTime: runTime('maxRunTime', 'limit').optional().describe('Longest run time, HH:mm:ss. Omit for no limit.'),
    maxJobs: countLimit('maxJobs').optional().describe('Most jobs of the queue running at once (enforced when jobs run). Omit for no limit.'),
    maxUserJobs: countLimit('maxUserJobs').optional().describe('Most jobs of one user running at once (enforced when jobs run). Omit for no limit.'),
  })
  .strict();

/** A batch queue of an execution system. */
export type BatchQueue = z.output<typeof batchQueueSchema>;

const batchQueues = z
  .array(batchQueueSchema)
  .min(1, 'an execution system needs at least one batch queue in batchQueues')
  .superRefine((queues, context) => {
    const seen = new Set<string>();
    queues.forEach((queue, index) => {
      if (seen.has(queue.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `batch queue '${queue.name}' is defined twice; give each queue its own name` });
      seen.add(queue.name);
    });
    if (queues.filter((queue) => queue.default === true).length > 1) {
      context.addIssue({ code: 'custom', message: 'more than one batch queue has "default": true; mark one' });
    }
  })
  .describe('The queues jobs are submitted to; each submission runs in one of them.');

const rootDir = z
  .string({ error: 'rootDir is required: the absolute directory the system works in' })
  .refine((path) => isAbsolute(path), 'rootDir must be an absolute path, e.g. /srv/jobfloor/systems/local')
  .describe('The absolute directory the system works in; job and input paths are relative to it.');

const baseUrl = z
  .string({ error: 'baseUrl is required: the http(s) URL that paths on this system are relative to' })
  .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), 'baseUrl must be an http:// or https:// URL')
  .describe('The http(s) URL that paths on this system are relative to.');

function typeOf<Type extends 'execution' | 'storage'>(type: Type, kind: string): z.ZodLiteral<Type> {
  return z.literal(type, { error: `a ${kind} system is a${type === 'execution' ? 'n execution' : ' storage'} system: type must be "${type}"` });
}

const common = {
  id: catalogId('id').describe('The system id, unique within the tenant.'),
  description: z.string().max(1024).optional(),
};

const localSystem = z
  .object({ ...common, type: typeOf('execution', 'local'), kind: z.literal('local'), rootDir, batchQueues })
  .strict()
  .describe('Runs jobs as processes on this host, in work directories under rootDir.');
const simSystem = z
  .object({ ...common, type: typeOf('execution', 'sim'), kind: z.literal('sim'), batchQueues })
  .strict()
  .describe('Runs simulated jobs (a program of SLEEP, LOG, COMPUTE, HTTP_CALL and FAIL steps) without touching the host.');
const fileSystem = z
  .object({ ...common, type: typeOf('storage', 'file'), kind: z.literal('file'), rootDir })
  .strict()
  .describe('Stores files in a directory of this host.');
const httpSystem = z
  .object({ ...common, type: typeOf('storage', 'http'), kind: z.literal('http'), baseUrl })
  .strict()
  .describe('Reads files over http(s) below baseUrl.');

/** One system definition, as in a definition file and the REST API. */
export const systemDefinitionSchema = z
  .discriminatedUnion('kind', [localSystem, simSystem, fileSystem, httpSystem], {
    error: 'kind must be "local" or "sim" (execution systems) or "file" or "http" (storage systems)',
  })
  .meta({ id: 'SystemDefinition' });

/** A validated system definition. */
export type SystemDefinition = z.output<typeof systemDefinitionSchema>;
/** A validated execution system definition. */
export type ExecutionSystemDefinition = Extract<SystemDefinition, { type: 'execution' }>;
/** A validated storage system definition. */
export type StorageSystemDefinition = Extract<SystemDefinition, { type: 'storage' }>;

/** The queue a submission gets when neither it nor its app names one: the one marked default, else the first. */
export function defaultBatchQueue(system: ExecutionSystemDefinition): BatchQueue {
  return system.batchQueues.find((queue) => queue.default === true) ?? system.batchQueues[0]!;
}
