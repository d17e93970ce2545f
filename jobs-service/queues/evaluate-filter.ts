/** Evaluates a queue filter against a submission's attributes by walking it (no code is generated). */
import type { FilterComparison, QueueFilter } from './queue-filter.js';
import type { SubmissionAttributes } from './submission-attributes.js';

function compare(comparison: FilterComparison, actual: unknown): boolean {
  const { op, value } = comparison;
  switch (op) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'lt':
      return typeof actual === 'number' && actual < (value as number);
    case 'le':
      return typeof actual === 'number' && actual <= (value as number);
    case 'gt':
      return typeof actual === 'number' && actual > (value as number);
    case 'ge':
      return typeof actual === 'number' && actual >= (value as number);
    case 'in':
      return (value as readonly unknown[]).includes(actual);
    case 'prefix':
      return typeof actual === 'string' && actual.startsWith(value as string);
    case 'contains':
      return Array.isArray(actual) && actual.includes(value);
  }
}

/** Whether `attributes` satisfy `filter`. Filters are validated when defined, so every field and operator is known here. */
export function matchesFilter(filter: QueueFilter, attributes: SubmissionAttributes): boolean {
  if ('all' in filter) return filter.all.every((part) => matchesFilter(part, attributes));
  if ('any' in filter) return filter.any.some((part) => matchesFilter(part, attributes));
  if ('not' in filter) return !matchesFilter(filter.not, attributes);
  return compare(filter, attributes[filter.field]);
}
