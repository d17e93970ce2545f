import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../../framework/config/suggest.js';
import { asEscalation, closestHandler, escalationChain, ESCALATION_CHAIN } from '../../../framework/engine/escalation.js';
import { describeParameter, parameterNames } from '../../../framework/jobs/parameter-names.js';
import { globMatcher } from '../../../framework/teams/glob.js';
import { pointer } from '../../../framework/errors/configuration-issue.js';

describe('globMatcher', () => {
  it('matches * as any run of characters and ? as one, everything else literally', () => {
    const sim = globMatcher('Sim*.compute*');
    expect(['SimJobs.compute', 'SimJobs.computeHash', 'Sim.compute'].map(sim)).toEqual([true, true, true]);
    expect(['SimJobs.log', 'XSimJobs.compute', 'SimJobsXcompute'].map(sim)).toEqual([false, false, false]);
    expect(globMatcher('Job?.run')('Job1.run')).toBe(true);
    expect(globMatcher('a+b(c)')('a+b(c)')).toBe(true);
  });
});

describe('parameterNames', () => {
  it('reads names from a method, skipping defaults, comments and destructuring', () => {
    class Sample {
      method(first: string, /* note */ second = 'x,y', { third }: { third: number } = { third: 1 }, ...rest: number[]): unknown {
        return [first, second, third, rest];
      }
    }
    expect(parameterNames(Sample.prototype.method)).toEqual(['first', 'second', undefined, 'rest']);
    expect(describeParameter(['first', undefined], 1)).toBe('parameter #2');
    expect(describeParameter(['first'], 0)).toBe("parameter 'first' (#1)");
  });
});

describe('didYouMean', () => {
  it('suggests the closest known name, and nothing when none is close', () => {
    expect(didYouMean('getContnet', ['getContent', 'cacheContent'])).toBe(" Did you mean 'getContent'?");
    expect(didYouMean('zzz', ['getContent'])).toBe('');
  });
});

describe('escalationChain and closestHandler', () => {
  class DatabaseError extends Error {}
  class SqlError extends DatabaseError {}

  it('lists class names along the prototype chain, closest first', () => {
    expect(escalationChain(new SqlError('x'))).toEqual(['SqlError', 'DatabaseError', 'Error']);
    expect(escalationChain(Object.assign(new Error('remote'), { [ESCALATION_CHAIN]: ['Remote', 'Error'] }))).toEqual(['Remote', 'Error']);
    expect(escalationChain('text')).toEqual([]);
  });

  it('finds the handler of the closest class in a table', () => {
    const table = new Map([
      ['Error', 'any'],
      ['DatabaseError', 'database'],
    ]);
    expect(closestHandler(table, escalationChain(new SqlError('x')))).toBe('database');
    expect(closestHandler(table, ['TypeError'])).toBeUndefined();
    expect(closestHandler(undefined, ['Error'])).toBeUndefined();
  });

  it('wraps thrown primitives in an Error', () => {
    const wrapped = asEscalation(42) as Error;
    expect(wrapped).toBeInstanceOf(Error);
    expect(wrapped.cause).toBe(42);
  });
});

describe('pointer', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(pointer('nodes', 'a/b', 'c~d', 0)).toBe('/nodes/a~1b/c~0d/0');
  });
});
