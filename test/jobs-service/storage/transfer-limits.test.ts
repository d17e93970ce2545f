/** The transfer limits: defaults and validation (jobs-service/storage/transfer-limits.ts). */
import { describe, expect, it } from 'vitest';
import { transferLimits } from '../../../jobs-service/storage/index.js';

describe('transferLimits', () => {
  it('fills in the documented defaults and freezes the result', () => {
    const limits = transferLimits({ maxBytes: 10 });
    expect(limits).toEqual({ maxBytes: 10, connectTimeoutMs: 10_000, bodyTimeoutMs: 30_000, maxRedirections: 5 });
    expect(Object.isFrozen(limits)).toBe(true);
  });

  it('refuses values that are not whole positive numbers, and unknown keys, naming them', () => {
    expect(() => transferLimits({ maxBytes: 0 })).toThrow('maxBytes must be at least 1');
    expect(() => transferLimits({ bodyTimeoutMs: 1.5 })).toThrow('bodyTimeoutMs must be a whole number');
    expect(() => transferLimits({ maxRedirections: -1 })).toThrow('maxRedirections must be 0 (no redirects) or more');
    expect(() => transferLimits({ timeoutMs: 5 } as never)).toThrow('timeoutMs');
  });
});
