import { describe, expect, it } from 'vitest';
import { escalationChain } from '../../../../framework/index.js';
import { findUncloneable } from '../../../../framework/teams/thread-pool/clone-check.js';
import { decodeArgument, encodeArgument, rebuildError, serializeError } from '../../../../framework/teams/thread-pool/serialized-error.js';

class DatabaseError extends Error {
  readonly code = 'E_DB';
  constructor(
    message: string,
    readonly table: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
class SqlError extends DatabaseError {}

describe('errors across the thread boundary', () => {
  it('travel as plain data and come back with class names, code, message, stack, details and cause', () => {
    const original = new SqlError('bad query', 'users', { cause: new TypeError('inner') });
    const data = structuredClone(serializeError(original));
    const rebuilt = rebuildError(data) as Error & { code: string; table: string };
    expect(escalationChain(rebuilt)).toEqual(['SqlError', 'DatabaseError', 'Error']);
    expect(rebuilt).toMatchObject({ name: 'SqlError', message: 'bad query', code: 'E_DB', table: 'users' });
    expect(rebuilt.stack).toBe(original.stack);
    expect(escalationChain(rebuilt.cause)).toEqual(['TypeError', 'Error']);
    expect((rebuilt.cause as Error).message).toBe('inner');
  });

  it('drop properties that cannot be cloned instead of failing', () => {
    const error = Object.assign(new Error('with a callback'), { retry: () => 1, attempt: 2 });
    expect(serializeError(error).details).toEqual({ attempt: 2 });
  });

  it('as a job argument (a handler on a worker) are encoded and decoded', () => {
    const decoded = decodeArgument(structuredClone(encodeArgument(new SqlError('x', 't')))) as Error;
    expect(escalationChain(decoded)).toEqual(['SqlError', 'DatabaseError', 'Error']);
    expect(decodeArgument(structuredClone(encodeArgument({ plain: true })))).toEqual({ plain: true });
  });
});

describe('findUncloneable', () => {
  it('finds nothing in a cloneable value', () => {
    expect(findUncloneable({ a: [1, 'b', new Date(0)], m: new Map([['k', new Set([1])]]) }, 'its argument')).toBeUndefined();
  });

  it('names the path of a function, a symbol, or an object with internal state', () => {
    expect(findUncloneable({ items: [1, { callback: () => 1 }] }, 'its argument')).toEqual({ path: 'its argument.items[1].callback', what: 'a function' });
    expect(findUncloneable(new Map([['key', Symbol('s')]]), 'its result')).toEqual({ path: 'its result.get("key")', what: 'a symbol' });
    expect(findUncloneable({ 'odd key': { registry: new WeakMap() } }, 'x')).toEqual({ path: 'x["odd key"].registry', what: 'a WeakMap object' });
  });
});
