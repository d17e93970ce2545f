import type { SubmissionAttributes } from '../../../jobs-service/queues/submission-attributes.js';

/** A resolved submission of tenant `acme` that filters are tested against; override what a test varies. */
export function submission(overrides: Partial<SubmissionAttributes> = {}): SubmissionAttributes {
  return {
    tenantId: 'acme',
    appId: 'blast',
    appVersion: '2.14.0',
    name: 'align-proteins',
    owner: 'alice',
    roles: ['user', 'student'],
    systemId: 'sim',
    batchQueue: 'normal',
    nodeCount: 4,
    processorsPerNode: 16,
    memoryPerNode: 32,
    maxHours: 1.5,
    archive: true,
    archiveSystem: 'archive',
    ...overrides,
  };
}
