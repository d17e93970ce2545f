/**
 * The README's picture of the get-content flow is generated (STYLE.md, habit 13): it must be what
 * `jobfloor graph` draws from the flow, jobs and teams file as they are now.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../../../tools/catalogue/read-catalogue.js';
import { openSourceProject } from '../../../tools/catalogue/source-project.js';
import { renderFlow } from '../../../tools/graph/render-flow.js';

const picture = 'docs/images/get-content.svg';
const regenerate = `npx jobfloor graph get-content --out ${picture}`;

describe('docs/images/get-content.svg', () => {
  it('is what jobfloor graph draws now', async () => {
    const drawn = await renderFlow(readCatalogue(openSourceProject('tsconfig.build.json')), 'get-content', 'svg', undefined);
    const committed = readFileSync(picture, 'utf8');
    expect(committed === drawn, `${picture} is out of date; regenerate it with: ${regenerate}`).toBe(true);
  });
});
