import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../../../jobs-service/queues/evaluate-filter.js';
import { queueFilterSchema, type FilterComparison, type QueueFilter } from '../../../jobs-service/queues/queue-filter.js';
import { submission } from './submission-fixture.js';

/** Parses a filter as a queue definition would (so every case is also a valid filter), then evaluates it. */
function matches(filter: unknown, attributes = submission()): boolean {
  return matchesFilter(queueFilterSchema.parse(filter), attributes);
}

function compare(field: string, op: string, value: unknown): FilterComparison {
  return { field, op, value } as FilterComparison;
}

// The submission: appId 'blast', nodeCount 4, memoryPerNode 32, archive true, roles user and student.
const comparisons: Array<[string, FilterComparison, boolean]> = [
  ['string eq, equal', compare('appId', 'eq', 'blast'), true],
  ['string eq, case differs', compare('appId', 'eq', 'BLAST'), false],
  ['string ne, equal', compare('appId', 'ne', 'blast'), false],
  ['string ne, different', compare('appId', 'ne', 'bowtie'), true],
  ['string in, listed', compare('owner', 'in', ['bob', 'alice']), true],
  ['string in, not listed', compare('owner', 'in', ['bob', 'carol']), false],
  ['string prefix, matching', compare('name', 'prefix', 'align-'), true],
  ['string prefix, not matching', compare('name', 'prefix', 'proteins'), false],
  ['number eq', compare('nodeCount', 'eq', 4), true],
  ['number eq, other', compare('nodeCount', 'eq', 5), false],
  ['number ne', compare('nodeCount', 'ne', 4), false],
  ['number lt, below', compare('nodeCount', 'lt', 5), true],
  ['number lt, equal', compare('nodeCount', 'lt', 4), false],
  ['number le, equal', compare('nodeCount', 'le', 4), true],
  ['number le, above', compare('nodeCount', 'le', 3), false],
  ['number gt, equal', compare('memoryPerNode', 'gt', 32), false],
  ['number gt, above', compare('memoryPerNode', 'gt', 31.5), true],
  ['number ge, equal', compare('memoryPerNode', 'ge', 32), true],
  ['number ge, below', compare('maxHours', 'ge', 2), false],
  ['number in, listed', compare('processorsPerNode', 'in', [8, 16]), true],
  ['number in, not listed', compare('processorsPerNode', 'in', [8, 32]), false],
  ['boolean eq', compare('archive', 'eq', true), true],
  ['boolean eq, other', compare('archive', 'eq', false), false],
  ['boolean ne', compare('archive', 'ne', false), true],
  ['list contains, present', compare('roles', 'contains', 'student'), true],
  ['list contains, absent', compare('roles', 'contains', 'admin'), false],
];

describe('evaluating queue filters', () => {
  it.each(comparisons)('%s', (_case, filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('compares an archive system that is null (no archive) as equal to no string', () => {
    const unarchived = submission({ archive: false, archiveSystem: null });
    expect(matches(compare('archiveSystem', 'eq', 'archive'), unarchived)).toBe(false);
    expect(matches(compare('archiveSystem', 'ne', 'archive'), unarchived)).toBe(true);
    expect(matches(compare('archiveSystem', 'prefix', ''), unarchived)).toBe(false);
    expect(matches(compare('archiveSystem', 'in', ['archive']), unarchived)).toBe(false);
  });

  it('combines filters with all, any and not', () => {
    const blast = compare('appId', 'eq', 'blast');
    const wide = compare('nodeCount', 'ge', 16);
    expect(matches({ all: [blast, wide] })).toBe(false);
    expect(matches({ all: [blast, { not: wide }] })).toBe(true);
    expect(matches({ any: [wide, blast] })).toBe(true);
    expect(matches({ any: [wide, { not: blast }] })).toBe(false);
    expect(matches({ not: { not: blast } })).toBe(true);
  });

  it('takes an empty all as true and an empty any as false', () => {
    expect(matches({ all: [] })).toBe(true);
    expect(matches({ any: [] })).toBe(false);
    expect(matches({ not: { any: [] } })).toBe(true);
  });

  it('evaluates nested filters', () => {
    const filter: QueueFilter = {
      all: [
        compare('systemId', 'eq', 'sim'),
        { any: [compare('nodeCount', 'ge', 16), { not: compare('roles', 'contains', 'student') }] },
      ],
    };
    expect(matches(filter)).toBe(false);
    expect(matches(filter, submission({ nodeCount: 32 }))).toBe(true);
    expect(matches(filter, submission({ roles: ['staff'] }))).toBe(true);
  });
});
