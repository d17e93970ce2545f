import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as framework from '../../../framework/index.js';
import { flows, inject, job, param, provide, type Constructor } from '../../../framework/index.js';
import { flowSource, startupIssues } from '../../support/offices.js';

class Cache {}
class Unregistered {}
interface Settings {
  url: string;
}

const emptyFlow = flowSource({ name: 'empty', start: 'a', nodes: { a: { job: 'OkJobs.ok' } } });

class OkJobs {
  @job()
  ok(@param() value: string): string {
    return value;
  }
}

async function issuesOf(jobClasses: Constructor[], dependencies = [provide(Cache, { scope: 'process' })]) {
  return startupIssues({ jobs: [OkJobs, ...jobClasses], dependencies, flows: emptyFlow });
}

describe('job start-up errors name the job, the parameter and the fix', () => {
  it('two @param() parameters', async () => {
    class TwoParams {
      @job()
      both(@param() first: string, cache: Cache, @param() second: string): string {
        return first + second + String(cache);
      }
    }
    expect(await issuesOf([TwoParams])).toEqual([
      {
        code: 'JOBFLOOR_JOB_DUPLICATE_PARAM',
        location: 'job TwoParams.both',
        message: "Job 'TwoParams.both' marks both parameter 'first' (#1) and parameter 'second' (#3) with @param(); a job has one argument.",
        fix: "Keep @param() on the parameter that receives the previous job's result; pass the rest as one object, or inject them.",
      },
    ]);
  });

  it('an unregistered dependency class', async () => {
    class NeedsUnregistered {
      @job()
      use(@param() key: string, store: Unregistered): string {
        return key + String(store);
      }
    }
    expect(await issuesOf([NeedsUnregistered])).toEqual([
      {
        code: 'JOBFLOOR_JOB_UNREGISTERED_DEPENDENCY',
        location: 'job NeedsUnregistered.use',
        message: "Parameter 'store' (#2) of job 'NeedsUnregistered.use' needs dependency 'Unregistered', which no provider supplies.",
        fix: "Add provide(Unregistered, { scope: 'process' | 'flow' | 'job', ... }) to defineOffice({ dependencies }).",
      },
    ]);
  });

  it('an unregistered token given with @inject', async () => {
    const Missing = framework.createToken<string>('MissingSetting');
    class NeedsToken {
      @job()
      use(@param() key: string, @inject(Missing) setting: string): string {
        return key + setting;
      }
    }
    const [issue] = await issuesOf([NeedsToken]);
    expect(issue?.message).toBe("Parameter 'setting' (#2) of job 'NeedsToken.use' needs dependency 'MissingSetting', which no provider supplies.");
  });

  it('a parameter whose type is an interface, with no class to inject by', async () => {
    class NeedsInterface {
      @job()
      use(@param() key: string, settings: Settings): string {
        return key + settings.url;
      }
    }
    expect(await issuesOf([NeedsInterface])).toEqual([
      expect.objectContaining({
        code: 'JOBFLOOR_JOB_UNTYPED_PARAMETER',
        location: 'job NeedsInterface.use',
        message: expect.stringContaining("Parameter 'settings' (#2) of job 'NeedsInterface.use' has no class at run time"),
        fix: expect.stringContaining('@inject(token)'),
      }),
    ]);
  });

  it('two @flows() parameters, and a @flows() that lists no methods', async () => {
    class BadFlows {
      @job()
      twice(@param() key: string, @flows('a') one: unknown, @flows('b') two: unknown): string {
        return key + String(one) + String(two);
      }

      @job()
      unnamed(@param() key: string, @flows() some: unknown): string {
        return key + String(some);
      }
    }
    const issues = await issuesOf([BadFlows]);
    expect(issues.map((i) => [i.code, i.location])).toEqual([
      ['JOBFLOOR_JOB_DUPLICATE_FLOWS', 'job BadFlows.twice'],
      ['JOBFLOOR_JOB_NO_FLOW_METHODS', 'job BadFlows.unnamed'],
    ]);
    expect(issues[0]?.message).toBe("Job 'BadFlows.twice' marks both parameter 'one' (#2) and parameter 'two' (#3) with @flows().");
    expect(issues[1]?.fix).toBe("List the interface's methods: @flows<MyFlows>('doThis', 'doThat').");
  });

  it('duplicate job names, and a class with no job', async () => {
    class First {
      @job({ name: 'same' })
      one(@param() x: string): string {
        return x;
      }
    }
    class Second {
      @job({ name: 'same' })
      two(@param() x: string): string {
        return x;
      }
    }
    class NoJobs {
      notAJob(): void {}
    }
    const issues = await issuesOf([First, Second, NoJobs]);
    expect(issues).toEqual([
      {
        code: 'JOBFLOOR_JOB_CLASS_WITHOUT_JOBS',
        location: 'class NoJobs',
        message: "Class 'NoJobs' is listed in the office's jobs but has no @job() method.",
        fix: 'Mark its job methods with @job(), or remove the class from defineOffice({ jobs }).',
      },
      {
        code: 'JOBFLOOR_JOB_DUPLICATE_NAME',
        location: 'job same',
        message: "2 jobs are named 'same': First.one and Second.two. Flow graphs and team rules could not tell them apart.",
        fix: "Give one of them its own name with @job({ name: '...' }), or rename a class.",
      },
    ]);
  });

  it('code compiled without decorator metadata (as esbuild or tsx compile it)', async () => {
    const { PlainJobs } = compileWithoutMetadata(`
      export class Cache {}
      export class PlainJobs {
        @job()
        getContent(@param() key: string, cache: Cache): string { return key + String(cache); }
      }
    `);
    const issues = await issuesOf([PlainJobs as Constructor]);
    expect(issues).toEqual([
      {
        code: 'JOBFLOOR_JOB_NO_TYPE_METADATA',
        location: 'job PlainJobs.getContent',
        message:
          "Job 'PlainJobs.getContent' has no decorator type metadata, so the role of parameter 'cache' (#2) cannot be found: " +
          "it was compiled without emitDecoratorMetadata (esbuild, tsx and vitest's default transform drop it).",
        fix: expect.stringContaining('Compile with tsc (experimentalDecorators and emitDecoratorMetadata) or SWC'),
      },
    ]);
  });

  it('accepts code without metadata when every parameter has a decorator', async () => {
    const { DecoratedJobs } = compileWithoutMetadata(`
      export class DecoratedJobs {
        @job()
        run(@param() key: string): string { return key; }
      }
    `);
    await expect(issuesOf([DecoratedJobs as Constructor])).rejects.toThrow('The office started');
  });

  it('reports every problem of every job at once', async () => {
    class Many {
      @job()
      a(@param() x: string, @param() y: string): string {
        return x + y;
      }
      @job()
      b(@param() x: string, u: Unregistered): string {
        return x + String(u);
      }
    }
    expect((await issuesOf([Many])).map((i) => i.code)).toEqual(['JOBFLOOR_JOB_DUPLICATE_PARAM', 'JOBFLOOR_JOB_UNREGISTERED_DEPENDENCY']);
  });
});

/**
 * Compiles job classes the way esbuild and tsx do: legacy decorators, but no `design:paramtypes`.
 * The module's imports of `job`, `param` and `flows` are the framework's own.
 */
function compileWithoutMetadata(source: string): Record<string, unknown> {
  const output = ts.transpileModule(`import { job, param, flows } from 'framework';\n${source}`, {
    compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: false, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const exports: Record<string, unknown> = {};
  const load = new Function('exports', 'require', output) as (exports: object, require: (id: string) => unknown) => void;
  load(exports, () => framework);
  return exports;
}
