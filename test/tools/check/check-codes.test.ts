/**
 * Keeps the check's own problem codes (tools/check/check-codes.ts), their sections in docs/tools.md
 * and the code that raises them in step (STYLE.md, habit 1), as test/framework/error-codes.test.ts
 * does for the runtime's codes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../framework/errors/error-codes.js';
import { checkCodes } from '../../../tools/check/check-codes.js';

const codes = Object.keys(checkCodes);

describe('the check problem codes', () => {
  it('have one "### CODE" section each in docs/tools.md, in the order of check-codes.ts', () => {
    const documented = [...readFileSync('docs/tools.md', 'utf8').matchAll(/^### (JOBFLOOR_\w+)\s*$/gm)].map((match) => match[1]);
    expect(documented).toEqual(codes);
  });

  it('are each raised by the tools, so that none is dead', () => {
    const sources = readdirSync('tools', { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts') && !name.endsWith('check-codes.ts'))
      .map((name) => readFileSync(path.join('tools', name), 'utf8'))
      .join('\n');
    expect(codes.filter((code) => !sources.includes(`'${code}'`))).toEqual([]);
  });

  it('do not reuse a runtime code name', () => {
    expect(codes.filter((code) => code in errorCodes)).toEqual([]);
  });
});
