import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../jobs-service/catalog/parse-definition.js';
import { matchesFilter } from '../../../jobs-service/queues/evaluate-filter.js';
import { filterFields, filterOperators, queueFilterSchema } from '../../../jobs-service/queues/queue-filter.js';
import { submission } from './submission-fixture.js';

/** The field errors of a queue definition holding `filter`, with dotted paths (`filter.all.0.op`). */
function filterErrors(filter: unknown): Array<{ field: string; message: string }> {
  const parsed = parseDefinition('queues', { name: 'Q', priority: 1, filter });
  return parsed.ok ? [] : parsed.errors;
}

describe('the queue filter language', () => {
  it('gives each field type its operators', () => {
    const operatorsOf = (field: keyof typeof filterFields) => filterOperators[filterFields[field]];
    expect(operatorsOf('appId')).toEqual(['eq', 'ne', 'in', 'prefix']);
    expect(operatorsOf('nodeCount')).toEqual(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in']);
    expect(operatorsOf('archive')).toEqual(['eq', 'ne']);
    expect(operatorsOf('roles')).toEqual(['contains']);
  });

  it('accepts each form', () => {
    for (const filter of [{ all: [] }, { any: [] }, { not: { all: [] } }, { field: 'appId', op: 'eq', value: 'x' }]) {
      expect(filterErrors(filter), JSON.stringify(filter)).toEqual([]);
    }
  });

  it('refuses an unknown field, suggesting the nearest one and listing them all', () => {
    expect(filterErrors({ field: 'appid', op: 'eq', value: 'blast' })).toEqual([
      {
        field: 'filter.field',
        message:
          "unknown filter field 'appid'. Did you mean 'appId'? Fields: appId, appVersion, name, owner, systemId, batchQueue, archiveSystem, nodeCount, processorsPerNode, memoryPerNode, maxHours, archive, roles",
      },
    ]);
  });

  it('refuses an operator that the field type does not allow, and an unknown one', () => {
    expect(filterErrors({ field: 'appId', op: 'lt', value: 'm' })).toEqual([
      { field: 'filter.op', message: "operator 'lt' does not apply to string field 'appId'; use one of eq, ne, in, prefix" },
    ]);
    expect(filterErrors({ field: 'archive', op: 'in', value: ['true'] })).toEqual([
      { field: 'filter.op', message: "operator 'in' does not apply to boolean field 'archive'; use one of eq, ne" },
    ]);
    expect(filterErrors({ field: 'roles', op: 'eq', value: 'admin' })).toEqual([
      { field: 'filter.op', message: "operator 'eq' does not apply to list field 'roles'; use one of contains" },
    ]);
    expect(filterErrors({ field: 'nodeCount', op: 'between', value: 4 })).toEqual([
      { field: 'filter.op', message: "unknown operator 'between'; use one of eq, ne, lt, le, gt, ge, in" },
    ]);
  });

  it('refuses a value of the wrong type for the field', () => {
    expect(filterErrors({ field: 'nodeCount', op: 'ge', value: '4' })).toEqual([{ field: 'filter.value', message: "'ge' on field 'nodeCount' takes a number value" }]);
    expect(filterErrors({ field: 'archive', op: 'eq', value: 'true' })).toEqual([{ field: 'filter.value', message: "'eq' on field 'archive' takes a boolean value" }]);
    expect(filterErrors({ field: 'roles', op: 'contains', value: 1 })).toEqual([{ field: 'filter.value', message: "'contains' on field 'roles' takes a string value" }]);
    expect(filterErrors({ field: 'appId', op: 'in', value: [] })).toEqual([{ field: 'filter.value', message: "'in' takes a non-empty array of strings for field 'appId'" }]);
    expect(filterErrors({ field: 'nodeCount', op: 'in', value: [1, '2'] })).toEqual([{ field: 'filter.value', message: "'in' takes a non-empty array of numbers for field 'nodeCount'" }]);
    const notAValue = { field: 'filter.value', message: 'value is a string, a number, true or false, or (for "in") an array of strings or numbers' };
    expect(filterErrors({ field: 'appId', op: 'eq', value: { $ne: '' } })).toEqual([notAValue]);
    expect(filterErrors({ field: 'appId', op: 'eq', value: null })).toEqual([notAValue]);
  });

  it('refuses a filter that is not exactly one form', () => {
    const oneForm = 'a filter is exactly one of {"all": [...]}, {"any": [...]}, {"not": {...}} or {"field", "op", "value"}';
    expect(filterErrors({})).toEqual([{ field: 'filter', message: oneForm }]);
    expect(filterErrors({ all: [], any: [] })).toEqual([{ field: 'filter', message: oneForm }]);
    expect(filterErrors({ field: 'appId', op: 'eq' })).toEqual([{ field: 'filter', message: 'a comparison needs "field", "op" and "value"' }]);
    expect(filterErrors({ all: [], op: 'eq' })).toEqual([{ field: 'filter.op', message: 'op belongs to a comparison ({"field", "op", "value"}), not to "all"' }]);
    expect(filterErrors({ field: 'appId', op: 'eq', value: 'x', where: 'y' })).toEqual([{ field: 'filter.where', message: "unknown field 'where'; remove it (field names are case-sensitive)" }]);
  });

  it('reports every problem of a nested filter, each at its path', () => {
    const errors = filterErrors({
      all: [
        { field: 'colour', op: 'eq', value: 'red' },
        { any: [{ field: 'nodeCount', op: 'gt', value: 'many' }, { not: { field: 'archive', op: 'prefix', value: 't' } }] },
      ],
    });
    expect(errors.map((error) => error.field)).toEqual(['filter.all.0.field', 'filter.all.1.any.0.value', 'filter.all.1.any.1.not.op']);
  });

  it('refuses filters nested deeper than 8 levels', () => {
    let filter: unknown = { field: 'appId', op: 'eq', value: 'x' };
    for (let level = 0; level < 8; level += 1) filter = { not: filter };
    expect(filterErrors(filter)).toEqual([{ field: 'filter', message: 'the filter nests deeper than 8 levels; flatten it' }]);
  });
});

describe('filters are data, never code', () => {
  it("refuses Object.prototype's member names as fields instead of reaching them", () => {
    for (const field of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(filterErrors({ field, op: 'eq', value: 'x' })[0], field).toMatchObject({ field: 'filter.field', message: expect.stringContaining(`unknown filter field '${field}'`) });
    }
  });

  it('compares values that look like code as plain strings', () => {
    const attempts = ["blast' || true || '", 'process.exit(1)', '${globalThis.process.exit(1)}', "'); return true; //", '.*'];
    for (const value of attempts) {
      const filter = queueFilterSchema.parse({ field: 'appId', op: 'eq', value });
      expect(matchesFilter(filter, submission()), value).toBe(false);
      expect(matchesFilter(filter, submission({ appId: value })), value).toBe(true);
    }
    expect(matchesFilter(queueFilterSchema.parse({ field: 'name', op: 'prefix', value: '.*' }), submission())).toBe(false);
  });

  it('is parsed and evaluated without eval, Function or vm', () => {
    for (const file of ['jobs-service/queues/queue-filter.ts', 'jobs-service/queues/evaluate-filter.ts', 'jobs-service/queues/select-tenant-queue.ts']) {
      const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(source, file).not.toMatch(/\beval\b|\bFunction\s*\(|node:vm|new RegExp/);
    }
  });
});
