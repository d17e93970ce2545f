/**
 * The pictures of the README and docs/tools.md are generated (STYLE.md, habit 13): each must be
 * what `jobfloor graph` draws from its flow, jobs and teams file as they are now.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../../../tools/catalogue/read-catalogue.js';
import { openSourceProject } from '../../../tools/catalogue/source-project.js';
import { renderFlow } from '../../../tools/graph/render-flow.js';

const catalogue = readCatalogue(openSourceProject('tsconfig.build.json'));

describe('the committed flow pictures', () => {
  it.each(['job-lifecycle', 'get-content'])('docs/images/%s.svg is what jobfloor graph draws now', async (flow) => {
    const picture = `docs/images/${flow}.svg`;
    const drawn = await renderFlow(catalogue, flow, 'svg', undefined);
    expect(readFileSync(picture, 'utf8') === drawn, `${picture} is out of date; regenerate it with: npx jobfloor graph ${flow} --out ${picture}`).toBe(true);
  });
});
