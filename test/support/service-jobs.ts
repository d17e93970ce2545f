import { vi } from 'vitest';
import type { Queryable } from '../../jobs-service/database/database.js';
import { acceptSubmission } from '../../jobs-service/intake/accept-submission.js';
import { promoteAccepted } from '../../jobs-service/intake/promote-accepted.js';
import type { JobStatus } from '../../jobs-service/model/job-status.js';
import type { NewJob } from '../../jobs-service/model/new-job.js';

/** A resolved job as the submission path would produce it; override what a test cares about. */
export function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    name: 'test-job',
    tenantId: 'acme',
    tenantQueue: 'jobfloor.jobq.acme.submit.DefaultQueue',
    owner: 'alice',
    roles: 'user',
    systemId: 'sim',
    appId: 'sleep',
    appUuid: '00000000-0000-4000-8000-000000000001',
    archive: false,
    archivePath: null,
    archiveSystem: null,
    nodeCount: 1,
    processorsPerNode: 1,
    memoryPerNode: 1,
    maxHours: 1,
    remoteQueue: null,
    inputs: {},
    parameters: {},
    notifications: [],
    request: { appId: 'sleep', name: 'test-job' },
    ...overrides,
  };
}

/**
 * Records a job through the real intake path (accepted, then promoted to PENDING) and, when asked,
 * puts it straight into another state, bypassing the state machine: a fixture for tests of what
 * happens from that state.
 */
export async function insertJob(db: Queryable, status: JobStatus = 'PENDING', overrides: Partial<NewJob> = {}): Promise<string> {
  const { uuid } = await acceptSubmission(db, newJob(overrides));
  await promoteAccepted(db, 1_000);
  // A running service's intake worker may have claimed the submission first; wait for its commit.
  await vi.waitFor(async () => {
    const { rows } = await db.query('SELECT 1 FROM jobs WHERE uuid = $1', [uuid]);
    if (rows.length === 0) throw new Error(`job ${uuid} was not promoted to PENDING`);
  });
  if (status !== 'PENDING') await db.query('UPDATE jobs SET status = $2 WHERE uuid = $1', [uuid, status]);
  return uuid;
}
