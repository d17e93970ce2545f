/**
 * Runs one benchmark: `npm run bench -- NAME` (the build runs first, so decorator metadata is
 * emitted by tsc). Each benchmark prints its figures; its last line is one JSON object of them.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.js') && file !== 'run.js' && !file.startsWith('_'))
  .map((file) => file.slice(0, -'.js'.length));
const name = process.argv[2];

if (name === undefined || !available.includes(name)) {
  console.error(`Usage: npm run bench -- NAME\nBenchmarks: ${available.join(', ')}`);
  process.exit(name === undefined ? 0 : 1);
}
await import(`./${name}.js`);
