/**
 * Routing a submission to a tenant submission queue (seed 002, "Tenant Queues"; aloe_harbor.md
 * §3.1): the tenant's queues are tried from the highest priority number down, and the first whose
 * filter matches takes the submission. When none matches it goes to the tenant's default queue,
 * `jobfloor.jobq.<tenantId>.submit.DefaultQueue`, which always exists and needs no definition.
 */
import { matchesFilter } from './evaluate-filter.js';
import type { QueueFilter } from './queue-filter.js';
import type { SubmissionAttributes } from './submission-attributes.js';

/** The short name of the queue every tenant has. */
export const defaultQueueName = 'DefaultQueue';

/** The full name of a tenant's queue: `jobfloor.jobq.<tenantId>.submit.<name>`. */
export function tenantQueueName(tenantId: string, name: string): string {
  return `jobfloor.jobq.${tenantId}.submit.${name}`;
}

/** The part of a tenant queue definition that routing reads. */
export interface RoutableQueue {
  /** The short name, e.g. `Large`. */
  readonly name: string;
  /** Unique within the tenant; higher numbers are tried first. */
  readonly priority: number;
  readonly filter: QueueFilter;
}

/**
 * The full name of the queue a submission goes to: the first queue by descending priority whose
 * filter matches, else the tenant's default queue. The order of `queues` does not matter.
 */
export function selectTenantQueue(queues: readonly RoutableQueue[], attributes: SubmissionAttributes): string {
  const byPriority = [...queues].sort((a, b) => b.priority - a.priority);
  const chosen = byPriority.find((queue) => matchesFilter(queue.filter, attributes));
  return tenantQueueName(attributes.tenantId, chosen?.name ?? defaultQueueName);
}
