/**
 * Tenant submission queue definitions (seed 002, "Tenant Queues"): a short name, a priority unique
 * within the tenant (higher is tried first) and a filter. The queue's full name is
 * `jobfloor.jobq.<tenantId>.submit.<name>`; `DefaultQueue` always exists and is not defined.
 */
import { z } from 'zod';
import { defaultQueueName } from '../queues/select-tenant-queue.js';
import { filterDepth, maxFilterDepth, queueFilterSchema } from '../queues/queue-filter.js';

/** The highest priority: ample for ordering queues, and far below the database's integer limit (imports park priorities above it). */
export const maxQueuePriority = 1_000_000;

/** One tenant queue definition, as in a definition file. */
export const queueDefinitionSchema = z
  .object({
    name: z
      .string({ error: 'name is required' })
      .min(1, 'name must not be empty')
      .max(64, 'name is longer than 64 characters')
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "a queue name starts with a letter or digit and holds only letters, digits, '_' and '-'")
      .refine((name) => name !== defaultQueueName, `${defaultQueueName} always exists and takes every submission no other queue takes; choose another name`)
      .describe('The short name; the queue is jobfloor.jobq.<tenantId>.submit.<name>.'),
    priority: z
      .int({ error: 'priority is a whole number of at least 1' })
      .min(1, 'priority is a whole number of at least 1 (no negative numbers)')
      .max(maxQueuePriority, `priority is at most ${maxQueuePriority}`)
      .describe('Unique within the tenant; queues are tried from the highest priority down, the default queue last.'),
    filter: queueFilterSchema.describe('Which submissions the queue takes; {"all": []} takes every one.'),
    description: z.string().max(1024).optional(),
  })
  .strict()
  .superRefine((queue, context) => {
    if (filterDepth(queue.filter) > maxFilterDepth) {
      context.addIssue({ code: 'custom', path: ['filter'], message: `the filter nests deeper than ${maxFilterDepth} levels; flatten it` });
    }
  })
  .meta({ id: 'QueueDefinition' });

/** A validated tenant queue definition. */
export type QueueDefinition = z.output<typeof queueDefinitionSchema>;
