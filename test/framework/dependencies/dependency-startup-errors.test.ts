import { describe, expect, it } from 'vitest';
import { createToken, job, param, provide, type DependencyProvider } from '../../../framework/index.js';
import { flowSource, startupIssues } from '../../support/offices.js';

class A {}
class B {}
class C {}
class Unknown {}
const Url = createToken<string>('Url');

class AnyJobs {
  @job()
  run(@param() value: string): string {
    return value;
  }
}

function issuesWith(dependencies: DependencyProvider[]) {
  return startupIssues({
    jobs: [AnyJobs],
    dependencies,
    flows: flowSource({ name: 'any', start: 'run', nodes: { run: { job: 'AnyJobs.run' } } }),
  });
}

describe('dependency start-up errors', () => {
  it('rejects a cycle and names it', async () => {
    const issues = await issuesWith([
      provide(A, { scope: 'process', dependsOn: [B] }),
      provide(B, { scope: 'process', dependsOn: [C] }),
      provide(C, { scope: 'process', dependsOn: [A] }),
    ]);
    expect(issues).toEqual([
      {
        code: 'JOBFLOOR_DEPENDENCY_CYCLE',
        location: 'dependency A',
        message: 'Dependencies form a cycle: A -> B -> C -> A.',
        fix: 'Break the cycle: move the shared part into a dependency of its own that both use.',
      },
    ]);
  });

  it('rejects a dependency that depends on a shorter-lived scope', async () => {
    const issues = await issuesWith([provide(A, { scope: 'process', dependsOn: [B] }), provide(B, { scope: 'flow' })]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'JOBFLOOR_DEPENDENCY_SCOPE_MISMATCH',
        location: 'dependency A',
        message: "Dependency 'A' (process scope) depends on 'B' (flow scope), which is disposed before it.",
      }),
    ]);
  });

  it('rejects an unregistered dependsOn, a duplicate provider and a token without create', async () => {
    const issues = await issuesWith([
      provide(A, { scope: 'process', dependsOn: [Unknown] }),
      provide(B, { scope: 'process' }),
      provide(B, { scope: 'flow' }),
      provide(Url, { scope: 'process' }),
    ]);
    expect(issues.map((issue) => [issue.code, issue.message])).toEqual([
      ['JOBFLOOR_DEPENDENCY_DUPLICATE', "Dependency 'B' is provided twice."],
      ['JOBFLOOR_DEPENDENCY_NO_FACTORY', "Dependency 'Url' is a token, not a class, and its provide() has no create()."],
      ['JOBFLOOR_DEPENDENCY_UNREGISTERED', "Dependency 'A' depends on 'Unknown', which no provider supplies."],
    ]);
  });
});
