/**
 * The storage error codes: storage-error-codes.ts, the errors table of docs/jobs-service/storage.md
 * and the raising sites kept in step (STYLE.md, habit 1), and errors that keep their routing
 * fields across a thread boundary (habit 3).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rebuildError, serializeError } from '../../../framework/teams/thread-pool/serialized-error.js';
import { HttpStatusError, PathRefusedError, isTransientStorageError, storageErrorCodes } from '../../../jobs-service/storage/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const codes = Object.keys(storageErrorCodes);

/** The codes in the first column of the table under `## Errors`, in order. */
function documentedCodes(): string[] {
  const markdown = readFileSync(path.join(root, 'docs/jobs-service/storage.md'), 'utf8');
  const section = markdown.slice(markdown.indexOf('\n## Errors'));
  return [...section.matchAll(/^\| (JOBFLOOR_[A-Z_]+) \|/gm)].map((match) => match[1]!);
}

/** The storage sources other than the registry. */
function raisingSources(): string[] {
  const directory = path.join(root, 'jobs-service/storage');
  return readdirSync(directory)
    .filter((name) => name.endsWith('.ts') && name !== 'storage-error-codes.ts')
    .map((name) => readFileSync(path.join(directory, name), 'utf8'));
}

describe('storage error codes', () => {
  it('are documented in the errors table of docs/jobs-service/storage.md, in the order of storage-error-codes.ts', () => {
    expect(documentedCodes()).toEqual(codes);
  });

  it('are each raised somewhere in jobs-service/storage', () => {
    const sources = raisingSources();
    expect(codes.filter((code) => !sources.some((text) => text.includes(`'${code}'`)))).toEqual([]);
  });
});

describe('storage errors across a thread boundary', () => {
  it('keep their code, transient flag and fields when rebuilt from plain data', () => {
    const original = new HttpStatusError('GET', 'http://example.com/a', 503);
    const rebuilt = rebuildError(structuredClone(serializeError(original)));
    expect(rebuilt).toMatchObject({ name: 'HttpStatusError', code: 'JOBFLOOR_STORAGE_HTTP_STATUS', transient: true, status: 503, url: 'http://example.com/a', message: original.message });
    expect(isTransientStorageError(rebuilt)).toBe(true);
  });

  it('say permanent for refused paths, and nothing for errors of others', () => {
    const refused = rebuildError(structuredClone(serializeError(new PathRefusedError('/root', '../x', 'parent-segment'))));
    expect(refused).toMatchObject({ code: 'JOBFLOOR_STORAGE_PATH_REFUSED', reason: 'parent-segment', transient: false });
    expect(isTransientStorageError(refused)).toBe(false);
    expect(isTransientStorageError(Object.assign(new Error('x'), { code: 'OTHER', transient: true }))).toBe(false);
    expect(isTransientStorageError(undefined)).toBe(false);
  });
});
