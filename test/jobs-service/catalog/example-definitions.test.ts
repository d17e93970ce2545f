import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definitionFileSchema, definitionSchemaFile } from '../../../jobs-service/catalog/definition-files.js';
import { importDefinitions } from '../../../jobs-service/catalog/import-definitions.js';
import { definitionKinds, type DefinitionKind } from '../../../jobs-service/catalog/parse-definition.js';
import { parseSubmissionRequest, resolveSubmission } from '../../../jobs-service/submission/index.js';
import { jsonSchemaFiles } from '../../../tools/json-schemas.js';
import { engines, useServiceDatabase } from '../../support/service-database.js';

/** The example definition file of `kind`, parsed. */
function example(kind: DefinitionKind): { $schema: string } & Record<string, unknown[]> {
  return JSON.parse(readFileSync(`examples/definitions/${kind}.json`, 'utf8')) as { $schema: string } & Record<string, unknown[]>;
}

describe('the example definition files', () => {
  it.each(definitionKinds)('%s.json points its $schema at the shipped, generated JSON Schema', (kind) => {
    const shipped = `jobs-service/schemas/${definitionSchemaFile(kind)}`;
    expect(example(kind).$schema).toBe(`../../${shipped}`);
    expect(Object.keys(jsonSchemaFiles())).toContain(shipped);
    expect(existsSync(shipped)).toBe(true);
  });

  it.each(definitionKinds)('%s.json fits the schema the JSON Schema is generated from', (kind) => {
    const result = definitionFileSchema(kind).safeParse(example(kind));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

// A submission of each example app that gives only what the app requires: its defaults must fit
// its system's batch queue limits.
const minimalSubmissions = [
  { name: 'lysozyme', appId: 'md-sim', inputs: { structure: 'structures/lysozyme.pdb' } },
  { name: 'peaks', appId: 'peak-finder', parameters: { window: 9 }, inputs: { spectrum: 'spectra/run-42.csv' } },
  { name: 'count', appId: 'wordcount', inputs: { documents: ['reports/a.txt', 'https://data.example.org/reference/readme.txt'] } },
];

describe.each(engines)('importing the example definitions on %s', (engine) => {
  const database = useServiceDatabase(engine);

  it('imports systems, apps and queues cleanly, in that order', async () => {
    const counts = [];
    for (const kind of definitionKinds) counts.push(await database.db.transaction((tx) => importDefinitions(tx, kind, 'acme', example(kind))));
    expect(counts).toEqual([
      { created: 4, updated: 0 },
      { created: 3, updated: 0 },
      { created: 2, updated: 0 },
    ]);
  });

  it.each(minimalSubmissions)('accepts a submission of $appId with its defaults', async (body) => {
    const parsed = parseSubmissionRequest(body);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const resolved = await resolveSubmission(database.db, { tenantId: 'acme', userId: 'alice', roles: ['user'] }, parsed.request);
    expect(resolved.ok ? [] : resolved.errors).toEqual([]);
  });
});
