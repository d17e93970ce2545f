/**
 * Keeps the execution error codes, their documentation and their raising sites in step: every
 * code has a row in docs/jobs-service/execution.md and is raised by a class in
 * jobs-service/execution/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { executionErrorCodes } from '../../../jobs-service/execution/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const codes = Object.keys(executionErrorCodes);

describe('execution error codes', () => {
  it('documents every code, and only those, in docs/jobs-service/execution.md', () => {
    const doc = readFileSync(path.join(root, 'docs/jobs-service/execution.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `(JOBFLOOR_EXECUTION_\w+)` \|/gm)].map((match) => match[1]);
    expect(documented).toEqual(codes);
  });

  it('raises every code somewhere outside the registry', () => {
    const folder = path.join(root, 'jobs-service/execution');
    const sources = readdirSync(folder)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(path.join(folder, file), 'utf8').replace(/export const executionErrorCodes = \{[\s\S]*?\} as const;/, ''))
      .join('\n');
    expect(codes.filter((code) => !sources.includes(`'${code}'`))).toEqual([]);
  });
});
