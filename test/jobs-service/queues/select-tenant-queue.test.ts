import { describe, expect, it } from 'vitest';
import type { QueueFilter } from '../../../jobs-service/queues/queue-filter.js';
import { defaultQueueName, selectTenantQueue, tenantQueueName, type RoutableQueue } from '../../../jobs-service/queues/select-tenant-queue.js';
import { submission } from './submission-fixture.js';

const everything: QueueFilter = { all: [] };
const blast: QueueFilter = { field: 'appId', op: 'eq', value: 'blast' };
const wide: QueueFilter = { field: 'nodeCount', op: 'ge', value: 16 };

function queue(name: string, priority: number, filter: QueueFilter): RoutableQueue {
  return { name, priority, filter };
}

describe('choosing the tenant queue of a submission', () => {
  it('names queues jobfloor.jobq.<tenant>.submit.<name>', () => {
    expect(tenantQueueName('acme', 'Large')).toBe('jobfloor.jobq.acme.submit.Large');
    expect(tenantQueueName('acme', defaultQueueName)).toBe('jobfloor.jobq.acme.submit.DefaultQueue');
  });

  it('takes the matching queue with the highest priority, whatever the order of the list', () => {
    const queues = [queue('Catchall', 1, everything), queue('Large', 30, wide), queue('Blast', 20, blast)];
    expect(selectTenantQueue(queues, submission())).toBe('jobfloor.jobq.acme.submit.Blast');
    expect(selectTenantQueue([...queues].reverse(), submission())).toBe('jobfloor.jobq.acme.submit.Blast');
    expect(selectTenantQueue(queues, submission({ nodeCount: 32 }))).toBe('jobfloor.jobq.acme.submit.Large');
    expect(selectTenantQueue(queues, submission({ appId: 'bowtie' }))).toBe('jobfloor.jobq.acme.submit.Catchall');
  });

  it('lets a higher priority win over a lower one that also matches', () => {
    const lowFirst = [queue('Low', 5, blast), queue('High', 6, blast)];
    expect(selectTenantQueue(lowFirst, submission())).toBe('jobfloor.jobq.acme.submit.High');
  });

  it("sends a submission that no queue takes to the tenant's default queue", () => {
    const queues = [queue('Large', 30, wide), queue('Nothing', 10, { any: [] })];
    expect(selectTenantQueue(queues, submission({ appId: 'bowtie' }))).toBe('jobfloor.jobq.acme.submit.DefaultQueue');
    expect(selectTenantQueue([], submission({ tenantId: 'other' }))).toBe('jobfloor.jobq.other.submit.DefaultQueue');
  });
});
