/**
 * The office of bench/team-isolation: a light flow (a cache lookup, well under a millisecond) and
 * a CPU-heavy one (~20 ms of JavaScript). Which thread runs the heavy job is chosen by the teams
 * file only. Worker threads import this module by path.
 */
import { defineOffice, job, param, provide } from '../../framework/index.js';

/** A warm cache: every light request is a hit. */
export class PageCache {
  readonly #pages = new Map<string, string>(Array.from({ length: 100 }, (_, i) => [`page-${i}`, `<p>page ${i}</p>`]));

  get(key: string): string {
    return this.#pages.get(key) ?? '<p>missing</p>';
  }
}

export class LightJobs {
  @job()
  lookUp(@param() key: string, cache: PageCache): string {
    return cache.get(key);
  }

  @job()
  render(@param() page: string): string {
    return `<html>${page}</html>`;
  }
}

export class HeavyJobs {
  /** Pure JavaScript work: `iterations` rounds of an integer hash. */
  @job()
  compute(@param() iterations: number): number {
    let hash = 2166136261;
    for (let i = 0; i < iterations; i++) {
      hash ^= i & 0xff;
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash;
  }
}

export const isolationOffice = defineOffice({
  name: 'team-isolation',
  module: import.meta.url,
  jobs: [LightJobs, HeavyJobs],
  dependencies: [provide(PageCache, { scope: 'process' })],
  flows: [
    {
      file: 'bench/offices/light.flow.json',
      content: { name: 'light', start: 'lookUp', nodes: { lookUp: { job: 'LightJobs.lookUp', next: 'render' }, render: { job: 'LightJobs.render' } } },
    },
    { file: 'bench/offices/heavy.flow.json', content: { name: 'heavy', start: 'compute', nodes: { compute: { job: 'HeavyJobs.compute' } } } },
  ],
});
