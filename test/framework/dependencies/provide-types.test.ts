import { describe, expectTypeOf, it } from 'vitest';
import { createToken, provide, type DependencyProvider } from '../../../framework/index.js';

class Pool {
  query(): number {
    return 1;
  }
}
class Repository {
  constructor(readonly pool: Pool) {}
}
const Url = createToken<string>('Url');

describe('provide() types', () => {
  it("gives create() the types of its dependsOn, in order, for classes and tokens", () => {
    provide(Repository, {
      scope: 'flow',
      dependsOn: [Pool, Url],
      create: (pool, url) => {
        expectTypeOf(pool).toEqualTypeOf<Pool>();
        expectTypeOf(url).toEqualTypeOf<string>();
        return new Repository(pool);
      },
    });
  });

  it('requires create() to return the token\'s type', () => {
    // @ts-expect-error a Pool is not a Repository
    provide(Repository, { scope: 'flow', create: () => new Pool() });
    // @ts-expect-error a number is not a string
    provide(Url, { scope: 'process', create: () => 42 });
  });

  it('makes providers of any type fit one list', () => {
    const providers: DependencyProvider[] = [provide(Pool, { scope: 'process' }), provide(Url, { scope: 'process', create: () => 'x' })];
    expectTypeOf(providers).toEqualTypeOf<DependencyProvider[]>();
  });
});
