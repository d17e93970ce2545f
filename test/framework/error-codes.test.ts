/**
 * Keeps framework/errors/error-codes.ts, docs/errors.md and the framework's raising sites in step
 * (STYLE.md, habit 1): every code has a `## CODE` section in the docs, in the registry's order,
 * and is raised somewhere in the framework, so the registry holds no dead codes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../framework/errors/error-codes.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const registryFile = path.join(root, 'framework/errors/error-codes.ts');
const docsFile = path.join(root, 'docs/errors.md');
const codes = Object.keys(errorCodes);

/** The `## ...` headings of docs/errors.md, in order. */
function documentedCodes(): string[] {
  const markdown = readFileSync(docsFile, 'utf8');
  return [...markdown.matchAll(/^## +(.+?)\s*$/gm)].map((match) => match[1]!);
}

/**
 * The framework's TypeScript sources that can raise a code: everything under framework/ except
 * the registry itself and the examples (an example that mentions a code does not raise it).
 */
function raisingSources(): Array<{ file: string; text: string }> {
  const framework = path.join(root, 'framework');
  return readdirSync(framework, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.join(framework, name))
    .filter((file) => file !== registryFile && !file.startsWith(path.join(framework, 'examples') + path.sep))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

describe('error codes', () => {
  it('has one section in docs/errors.md per code, headed by the code, in the order of error-codes.ts', () => {
    const documented = documentedCodes();
    const missing = codes.filter((code) => !documented.includes(code));
    const unknown = documented.filter((heading) => !codes.includes(heading));
    const repeated = documented.filter((heading, index) => documented.indexOf(heading) !== index);
    const problems = [
      ...(missing.length > 0 ? [`codes in error-codes.ts with no "## CODE" section in docs/errors.md: ${missing.join(', ')}`] : []),
      ...(unknown.length > 0 ? [`"## " headings in docs/errors.md that are not codes in error-codes.ts: ${unknown.join(', ')}`] : []),
      ...(repeated.length > 0 ? [`codes with more than one section in docs/errors.md: ${repeated.join(', ')}`] : []),
    ];
    if (problems.length === 0 && documented.join('\n') !== codes.join('\n')) {
      const firstDifference = codes.findIndex((code, index) => documented[index] !== code);
      problems.push(
        `docs/errors.md lists the codes in another order than error-codes.ts: section ${firstDifference + 1} is ` +
          `${documented[firstDifference]}, expected ${codes[firstDifference]}`,
      );
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('raises every code somewhere in framework/ (a code quoted nowhere but error-codes.ts is dead)', () => {
    const sources = raisingSources();
    expect(sources.length).toBeGreaterThan(0);
    const dead = codes.filter((code) => !sources.some(({ text }) => text.includes(`'${code}'`)));
    const message = `codes in error-codes.ts that no framework/ source raises (quoted as 'CODE' nowhere else): ${dead.join(', ')}`;
    expect(dead, message).toEqual([]);
  });
});
