import { describe, expect, it } from 'vitest';
import { defineOffice, flows, job, param, provide } from '../../framework/index.js';

class Cache {
  readonly map = new Map<string, string>([['a', 'A']]);
}
interface ContentFlows {
  miss(key: string): void;
}
class Jobs {
  @job()
  get(@param() key: string, cache: Cache, @flows<ContentFlows>('miss') f: ContentFlows): string | undefined {
    const v = cache.map.get(key);
    if (v !== undefined) return v;
    f.miss(key);
    return undefined;
  }
  @job()
  load(@param() key: string): string {
    return key.toUpperCase() + '!';
  }
  @job()
  use(@param() content: string): string {
    return `<${content}>`;
  }
}

describe('smoke', () => {
  it('runs', async () => {
    const office = defineOffice({
      jobs: [Jobs],
      dependencies: [provide(Cache, { scope: 'process' })],
      flows: {
        file: 'test.flow.json',
        content: {
          name: 'x',
          start: 'get',
          nodes: {
            get: { job: 'Jobs.get', next: 'use', flows: { miss: 'load' } },
            load: { job: 'Jobs.load', next: 'use' },
            use: { job: 'Jobs.use' },
          },
        },
      },
    });
    await office.start();
    expect(await office.invoke('x', 'a')).toBe('<A>');
    expect(await office.invoke('x', 'b')).toBe('<B!>');
    const t = await office.trace('x', 'b');
    expect(t.records.map((r) => r.node)).toEqual(['get', 'load', 'use']);
    await office.stop();
  });
});
