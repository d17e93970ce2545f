import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../tools/json-schemas.js';

describe('generated JSON Schemas', () => {
  it.each(Object.entries(jsonSchemaFiles()))('%s matches its zod schema (regenerate with `npm run schemas`)', (file, expected) => {
    const committed = readFileSync(file, 'utf8');
    expect(committed, `${file} is out of date: run \`npm run schemas\` and commit the result`).toBe(expected);
  });

  it('is what the repository files point their $schema at', () => {
    const flow = JSON.parse(readFileSync('flows/examples/get-content.flow.json', 'utf8')) as { $schema: string };
    const teams = JSON.parse(readFileSync('teams.config.json', 'utf8')) as { $schema: string };
    expect(flow.$schema).toBe('../../framework/schemas/flow.schema.json');
    expect(teams.$schema).toBe('./framework/schemas/teams.schema.json');
  });
});
