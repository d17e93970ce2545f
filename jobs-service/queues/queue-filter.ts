/**
 * The filter of a tenant submission queue: a Boolean expression over submission attributes,
 * written as JSON data and evaluated by walking it (never compiled or `eval`ed). Aloe's queues
 * filter on "originator, app, exec system, node count..." (aloe_harbor.md §3.1); Tapis used SQL-92
 * selector strings, which is code in a string; here the expression is data:
 *
 *   { "all": [ { "field": "appId", "op": "eq", "value": "blast" },
 *              { "any": [ { "field": "nodeCount", "op": "ge", "value": 4 },
 *                         { "not": { "field": "roles", "op": "contains", "value": "student" } } ] } ] }
 *
 * `{ "all": [] }` is true and `{ "any": [] }` false.
 */
import { z } from 'zod';
import { didYouMean } from '../../framework/config/suggest.js';

/** The attribute type behind each filter field. */
export const filterFields = {
  appId: 'string',
  appVersion: 'string',
  name: 'string',
  owner: 'string',
  systemId: 'string',
  batchQueue: 'string',
  archiveSystem: 'string',
  nodeCount: 'number',
  processorsPerNode: 'number',
  memoryPerNode: 'number',
  maxHours: 'number',
  archive: 'boolean',
  roles: 'list',
} as const;

/** A field a filter can test. */
export type FilterField = keyof typeof filterFields;
type FieldType = (typeof filterFields)[FilterField];

/** The operators each type of field allows. */
export const filterOperators = {
  string: ['eq', 'ne', 'in', 'prefix'],
  number: ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in'],
  boolean: ['eq', 'ne'],
  list: ['contains'],
} as const satisfies Record<FieldType, readonly string[]>;

/** Every operator: comparisons, `in` (one of a list), `prefix` (strings) and `contains` (roles). */
export const allFilterOperators = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'prefix', 'contains'] as const;
/** One filter operator. */
export type FilterOperator = (typeof allFilterOperators)[number];

/** The value a comparison tests against. */
export type FilterValue = string | number | boolean | readonly (string | number)[];

/** A comparison of one attribute with a value. */
export interface FilterComparison {
  readonly field: FilterField;
  readonly op: FilterOperator;
  readonly value: FilterValue;
}

/** A queue filter: a comparison, or all/any/not of filters. */
export type QueueFilter = FilterComparison | { readonly all: readonly QueueFilter[] } | { readonly any: readonly QueueFilter[] } | { readonly not: QueueFilter };

/** How deep filters may nest; deeper ones are refused when defined. */
export const maxFilterDepth = 8;

const scalarValueTypes: Record<FieldType, string> = { string: 'string', number: 'number', boolean: 'boolean', list: 'string' };

/** What is wrong with a comparison's operator and value for its field, or undefined. */
function comparisonProblem(field: string, op: string, value: unknown): { path: string; message: string } | undefined {
  // Own keys only: 'constructor' or '__proto__' must be unknown fields, not Object.prototype's members.
  const type: FieldType | undefined = Object.hasOwn(filterFields, field) ? filterFields[field as FilterField] : undefined;
  if (type === undefined) return { path: 'field', message: `unknown filter field '${field}'.${didYouMean(field, Object.keys(filterFields))} Fields: ${Object.keys(filterFields).join(', ')}` };
  const allowed: readonly string[] = filterOperators[type];
  if (!allowed.includes(op)) {
    const known = (allFilterOperators as readonly string[]).includes(op);
    return { path: 'op', message: `${known ? `operator '${op}' does not apply to ${type} field '${field}'` : `unknown operator '${op}'`}; use one of ${allowed.join(', ')}` };
  }
  const scalar = scalarValueTypes[type];
  if (op === 'in') {
    const ok = Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === scalar);
    return ok ? undefined : { path: 'value', message: `'in' takes a non-empty array of ${scalar}s for field '${field}'` };
  }
  return typeof value === scalar ? undefined : { path: 'value', message: `'${op}' on field '${field}' takes a ${scalar} value` };
}

/** The depth of a filter (1 for a comparison); safe on malformed input, which it counts as depth 1. */
export function filterDepth(filter: unknown): number {
  if (typeof filter !== 'object' || filter === null) return 1;
  const parts = [(filter as { all?: unknown }).all, (filter as { any?: unknown }).any].flatMap((list) => (Array.isArray(list) ? (list as unknown[]) : []));
  const not = (filter as { not?: unknown }).not;
  if (not !== undefined) parts.push(not);
  return parts.length === 0 && !('all' in filter) && !('any' in filter) ? 1 : 1 + Math.max(0, ...parts.map(filterDepth));
}

const forms = ['all', 'any', 'not', 'field'] as const;

// One object with every key optional, checked by a refinement, rather than a union of four shapes:
// a union's failure says "Invalid input", while this names the unknown field or operator.
const filterObject = z
  .object({
    get all() {
      return z.array(queueFilterSchema).optional().describe('True when every filter is (true when empty).');
    },
    get any() {
      return z.array(queueFilterSchema).optional().describe('True when at least one filter is (false when empty).');
    },
    get not() {
      return queueFilterSchema.optional().describe('True when the filter is false.');
    },
    field: z.string().optional().describe(`The submission attribute to test: ${Object.keys(filterFields).join(', ')}.`),
    op: z.string().optional().describe('eq, ne, lt, le, gt, ge (numbers), in (one of an array), prefix (strings), contains (roles).'),
    value: z
      .union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))], {
        error: 'value is a string, a number, true or false, or (for "in") an array of strings or numbers',
      })
      .optional(),
  })
  .strict()
  .superRefine((filter, context) => {
    const given = forms.filter((form) => filter[form] !== undefined);
    if (given.length !== 1) {
      context.addIssue({ code: 'custom', message: 'a filter is exactly one of {"all": [...]}, {"any": [...]}, {"not": {...}} or {"field", "op", "value"}' });
      return;
    }
    if (given[0] !== 'field') {
      for (const key of ['op', 'value'] as const) if (filter[key] !== undefined) context.addIssue({ code: 'custom', path: [key], message: `${key} belongs to a comparison ({"field", "op", "value"}), not to "${given[0]}"` });
      return;
    }
    if (filter.op === undefined || filter.value === undefined) {
      context.addIssue({ code: 'custom', message: 'a comparison needs "field", "op" and "value"' });
      return;
    }
    const problem = comparisonProblem(filter.field!, filter.op, filter.value);
    if (problem !== undefined) context.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  })
  .meta({ id: 'QueueFilter' });

/**
 * The zod schema of a queue filter. Its output is typed as {@link QueueFilter}: the refinement
 * admits exactly the four forms of that union.
 */
export const queueFilterSchema: z.ZodType<QueueFilter, unknown> = filterObject as unknown as z.ZodType<QueueFilter, unknown>;
