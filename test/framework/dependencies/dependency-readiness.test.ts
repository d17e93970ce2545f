import { describe, expect, it } from 'vitest';
import { createToken, DependencyTimeoutError, inject, job, param, provide } from '../../../framework/index.js';
import { flowSource, startOffice } from '../../support/offices.js';

const log: string[] = [];

class Settings {
  constructor(readonly url: string) {}
}
class Pool {
  ready = false;
  constructor(readonly settings: Settings) {}
}
class Connection {
  constructor(readonly pool: Pool) {}
}
class Never {}
class Flaky {}
const Greeting = createToken<string>('Greeting');

let flakyFailures = 0;

class ReadyJobs {
  @job()
  query(@param() sql: string, connection: Connection): string {
    log.push(`query sees pool ready=${connection.pool.ready} url=${connection.pool.settings.url}`);
    return `ran ${sql}`;
  }

  @job()
  cached(@param() key: string): string {
    return `cached ${key}`;
  }

  @job()
  waitsForever(@param() key: string, _never: Never): string {
    return key;
  }

  @job()
  flaky(@param() key: string, _flaky: Flaky): string {
    return `flaky ok ${key}`;
  }

  @job()
  greet(@param() name: string, @inject(Greeting) greeting: string): string {
    return `${greeting}, ${name}`;
  }

  @job()
  onTimeout(@param() error: DependencyTimeoutError): string {
    return `timed out: ${error.dependency}`;
  }
}

function readyOffice() {
  log.length = 0;
  return startOffice({
    jobs: [ReadyJobs],
    dependencyTimeoutMs: 2_000,
    dependencies: [
      provide(Settings, { scope: 'process', create: () => (log.push('create Settings'), new Settings('pg://db')) }),
      provide(Pool, {
        scope: 'process',
        dependsOn: [Settings],
        create: async (settings) => {
          log.push('create Pool');
          const pool = new Pool(settings);
          await new Promise((resolve) => setTimeout(resolve, 20));
          pool.ready = true;
          return pool;
        },
      }),
      // No create: the class is constructed with its dependsOn.
      provide(Connection, { scope: 'flow', dependsOn: [Pool] }),
      provide(Never, { scope: 'process', create: () => new Promise<Never>(() => {}), readyTimeoutMs: 30 }),
      provide(Flaky, {
        scope: 'process',
        create: () => {
          if (flakyFailures++ === 0) throw new Error('first creation fails');
          return new Flaky();
        },
      }),
      provide(Greeting, { scope: 'process', create: () => 'Hello' }),
    ],
    flows: flowSource({
      name: 'ready',
      start: 'query',
      nodes: {
        query: { job: 'ReadyJobs.query' },
        cached: { job: 'ReadyJobs.cached' },
        never: { job: 'ReadyJobs.waitsForever' },
        neverHandled: { job: 'ReadyJobs.waitsForever', escalations: { DependencyTimeoutError: 'onTimeout' } },
        onTimeout: { job: 'ReadyJobs.onTimeout' },
        flaky: { job: 'ReadyJobs.flaky' },
        greet: { job: 'ReadyJobs.greet' },
      },
    }),
  });
}

describe('dependency readiness', () => {
  it('creates dependencies lazily: nothing for a job that needs none', async () => {
    const office = await readyOffice();
    await office.invoke('ready', 'k', { at: 'cached' });
    expect(log).toEqual([]);
  });

  it("creates a dependency's dependencies first, and starts the job only when all are ready", async () => {
    const office = await readyOffice();
    await expect(office.invoke('ready', 'select 1')).resolves.toBe('ran select 1');
    expect(log).toEqual(['create Settings', 'create Pool', 'query sees pool ready=true url=pg://db']);
  });

  it('escalates DependencyTimeoutError from the job when a dependency is not ready in time', async () => {
    const office = await readyOffice();
    const error = await office.invoke('ready', 'k', { at: 'never' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyTimeoutError);
    expect(error).toMatchObject({ code: 'JOBFLOOR_DEPENDENCY_TIMEOUT', dependency: 'Never', scope: 'process', timeoutMs: 30 });
    expect((error as Error).message).toBe(
      "Dependency 'Never' (process scope) was not ready within 30 ms for job ReadyJobs.waitsForever at node 'never' of flow 'ready'. " +
        'Find what its create() waits for, or raise its readyTimeoutMs.',
    );
  });

  it('lets a handler take the timeout like any escalation', async () => {
    const office = await readyOffice();
    await expect(office.invoke('ready', 'k', { at: 'neverHandled' })).resolves.toBe('timed out: Never');
  });

  it("escalates a factory's failure from the job, and tries again for the next job", async () => {
    const office = await readyOffice();
    flakyFailures = 0;
    await expect(office.invoke('ready', 'a', { at: 'flaky' })).rejects.toThrow('first creation fails');
    await expect(office.invoke('ready', 'b', { at: 'flaky' })).resolves.toBe('flaky ok b');
  });

  it('injects a token dependency with @inject', async () => {
    const office = await readyOffice();
    await expect(office.invoke('ready', 'Ada', { at: 'greet' })).resolves.toBe('Hello, Ada');
  });

  it('creates a process dependency once for runs that need it at the same time', async () => {
    const office = await readyOffice();
    await Promise.all([office.invoke('ready', 'a'), office.invoke('ready', 'b'), office.invoke('ready', 'c')]);
    expect(log.filter((line) => line === 'create Pool')).toHaveLength(1);
  });
});
