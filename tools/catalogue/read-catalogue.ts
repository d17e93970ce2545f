import type { Catalogue, CatalogueOffice, UnresolvedPart } from './catalogue-model.js';
import { findOfficeCalls } from './office-finder.js';
import { readOffice } from './office-reader.js';
import type { SourceProject } from './source-project.js';
import { StaticTokens } from './static-tokens.js';

/**
 * Reads every office of a project from its source: the jobs, dependencies, flows, teams file and
 * escalations each `defineOffice()` declares. Nothing is imported or run.
 */
export function readCatalogue(source: SourceProject): Catalogue {
  // One set of tokens for the whole project: offices that share a class share its token.
  const context = { root: source.root, tokens: new StaticTokens() };
  const offices: CatalogueOffice[] = [];
  const skipped: UnresolvedPart[] = [];
  for (const call of findOfficeCalls(source.project)) {
    const reading = readOffice(call, context);
    if ('office' in reading) offices.push(reading.office);
    else skipped.push(reading.skipped);
  }
  return { root: source.root, offices, skipped };
}
