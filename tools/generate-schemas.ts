/**
 * Writes the JSON Schemas of the flow graph and teams file formats from their zod schemas:
 * `npm run schemas`. The files are committed; a test fails when they are out of date.
 */
import { writeFileSync } from 'node:fs';
import { jsonSchemaFiles } from './json-schemas.js';

for (const [file, content] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(file, content);
  console.log(`wrote ${file}`);
}
