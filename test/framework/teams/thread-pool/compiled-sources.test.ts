import { afterEach, describe, expect, it } from 'vitest';
import { javaScriptUrl, needsCompiledCopy } from '../../../../framework/teams/thread-pool/compiled-sources.js';

const saved = { compiled: process.env['JOBFLOOR_COMPILED_DIR'], source: process.env['JOBFLOOR_SOURCE_DIR'] };
afterEach(() => {
  for (const [key, value] of [['JOBFLOOR_COMPILED_DIR', saved.compiled], ['JOBFLOOR_SOURCE_DIR', saved.source]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('compiled sources for worker threads', () => {
  it('leaves JavaScript as it is', () => {
    expect(javaScriptUrl('file:///app/dist/office.js')).toBe('file:///app/dist/office.js');
    expect(needsCompiledCopy('file:///app/dist/office.js')).toBe(false);
  });

  it('maps a TypeScript source to its compiled copy', () => {
    process.env['JOBFLOOR_COMPILED_DIR'] = '/build/out';
    process.env['JOBFLOOR_SOURCE_DIR'] = '/repo';
    expect(javaScriptUrl('file:///repo/test/fixtures/office.ts')).toBe('file:///build/out/test/fixtures/office.js');
    expect(needsCompiledCopy('file:///repo/test/fixtures/office.ts')).toBe(false);
  });

  it('says when a TypeScript source has no compiled copy', () => {
    delete process.env['JOBFLOOR_COMPILED_DIR'];
    expect(needsCompiledCopy('file:///repo/office.ts')).toBe(true);
    expect(() => javaScriptUrl('file:///repo/office.ts')).toThrow('No compiled copy of file:///repo/office.ts: set JOBFLOOR_COMPILED_DIR.');
  });
});
