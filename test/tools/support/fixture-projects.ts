/**
 * The fixture projects of the tools' tests, read once per test file: opening a project with the
 * TypeScript checker takes seconds, and each test only looks at it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readCatalogue } from '../../../tools/catalogue/read-catalogue.js';
import { openSourceProject, type SourceProject } from '../../../tools/catalogue/source-project.js';
import type { Catalogue } from '../../../tools/catalogue/catalogue-model.js';
import { runCheck, type CheckResult } from '../../../tools/check/run-check.js';

/** Fixture paths as the tools report them: relative to the repository root, the tests' working directory. */
export const fixtures = 'test/tools/fixtures';
export const shop = `${fixtures}/shop`;
export const brokenOffices = `${fixtures}/broken-offices`;

/** A fixture project opened with its catalogue read. */
export interface OpenedFixture {
  readonly source: SourceProject;
  readonly catalogue: Catalogue;
  check(options?: { flows?: string[]; teams?: string }): CheckResult;
}

const opened = new Map<string, OpenedFixture>();

/** Opens the project in `directory` (its tsconfig.json), once per test file. */
export function openFixture(directory: string): OpenedFixture {
  let fixture = opened.get(directory);
  if (fixture === undefined) {
    const source = openSourceProject(path.join(directory, 'tsconfig.json'));
    const catalogue = readCatalogue(source);
    fixture = { source, catalogue, check: (options = {}) => runCheck(source, catalogue, { flows: options.flows ?? [], teams: options.teams }) };
    opened.set(directory, fixture);
  }
  return fixture;
}

/** The problems of a check as `CODE @ location`, for exact comparisons. */
export function problemsOf(result: CheckResult): string[] {
  return result.problems.map((problem) => `${problem.code} @ ${problem.location}`);
}

/** The line of the first line of `file` that contains `text` (1-based), for locations in messages. */
export function lineOf(file: string, text: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${file} has no line with '${text}'`);
  return index + 1;
}
