import 'reflect-metadata';
import type { DependencyGraph } from '../dependencies/dependency-graph.js';
import type { DependencyProvider } from '../dependencies/provide.js';
import { tokenName, type Constructor, type Token } from '../dependencies/token.js';
import type { IssueCollector } from '../errors/configuration-issue.js';
import { JobContext } from './job-context.js';
import { declaredJobMethods, type DeclaredParameter, type MethodDeclaration } from './job-declarations.js';
import { parameterNames } from './parameter-names.js';
import {
  reportClassWithoutJobs,
  reportDuplicateJobNames,
  resolveParameterRoles,
  type DeclaredRole,
  type ParameterFacts,
  type ParameterTypeFact,
  type ResolvedRole,
} from './parameter-roles.js';

/** What the engine passes for one parameter of a job. */
export type ParameterRole = ResolvedRole<DependencyProvider>;

/** A job method, resolved against the office's dependencies and ready to call. */
export interface JobDefinition {
  /** `ClassName.method` unless `@job({ name })` says otherwise. */
  readonly name: string;
  readonly jobClass: Constructor;
  readonly methodName: string;
  /** The one instance of the class that this thread's jobs are called on. */
  readonly instance: object;
  readonly method: (...args: unknown[]) => unknown;
  readonly parameters: readonly ParameterRole[];
  /** The flow methods of its `@flows()` parameter; empty when it has none. */
  readonly flowMethods: readonly string[];
  /** Class names of the declared escalations (`@job({ throws })`). */
  readonly throws: readonly string[];
  /** The dependencies its parameters name (not their own dependencies). */
  readonly dependencies: readonly DependencyProvider[];
}

/**
 * Reads the `@job()` methods of `jobClasses` and resolves each parameter's role. Problems (two
 * `@param`s, an unregistered dependency, missing type metadata, duplicate names) are added to
 * `issues`, each naming the job, the parameter and the fix.
 */
export function defineJobs(
  jobClasses: readonly Constructor[],
  graph: DependencyGraph,
  issues: IssueCollector,
): JobDefinition[] {
  const jobs: JobDefinition[] = [];
  for (const jobClass of jobClasses) {
    const methods = declaredJobMethods(jobClass);
    if (methods.size === 0) reportClassWithoutJobs(jobClass.name, issues);
    if (methods.size === 0) continue;
    const instance = new (jobClass as unknown as new () => object)();
    for (const [methodName, declaration] of methods) {
      jobs.push(defineJob(jobClass, instance, methodName, declaration, graph, issues));
    }
  }
  reportDuplicateJobNames(
    jobs.map((job) => ({ name: job.name, where: `${job.jobClass.name}.${job.methodName}` })),
    issues,
  );
  return jobs;
}

function defineJob(
  jobClass: Constructor,
  instance: object,
  methodName: string,
  declaration: MethodDeclaration,
  graph: DependencyGraph,
  issues: IssueCollector,
): JobDefinition {
  const name = declaration.options?.name ?? `${jobClass.name}.${methodName}`;
  const method = (jobClass.prototype as Record<string, (...args: unknown[]) => unknown>)[methodName]!;
  const { roles, flowMethods } = resolveParameterRoles(parameterFacts(jobClass, methodName, method, declaration.parameters), {
    job: name,
    names: parameterNames(method),
    providerFor: (token) => graph.providerFor(token),
    nameOf: tokenName,
    issues,
  });
  return Object.freeze({
    name,
    jobClass,
    methodName,
    instance,
    method,
    parameters: roles,
    flowMethods,
    throws: (declaration.options?.throws ?? []).map((errorClass) => errorClass.name),
    dependencies: roles.flatMap((role) => (role.kind === 'dependency' ? [role.provider] : [])),
  });
}

/** What the decorators and the decorator metadata (`design:paramtypes`) say of each parameter. */
function parameterFacts(
  jobClass: Constructor,
  methodName: string,
  method: (...args: never[]) => unknown,
  declared: readonly DeclaredParameter[],
): Array<ParameterFacts<Token>> {
  const types = Reflect.getMetadata('design:paramtypes', jobClass.prototype as object, methodName) as unknown[] | undefined;
  const count = Math.max(method.length, types?.length ?? 0, ...declared.map((d) => d.index + 1));
  return Array.from({ length: count }, (_, index) => ({
    declared: declaredRole(declared.find((d) => d.index === index)),
    type: types === undefined ? { kind: 'no-metadata' } : typeFact(types[index]),
  }));
}

function declaredRole(declaration: DeclaredParameter | undefined): DeclaredRole<Token> | undefined {
  if (declaration === undefined) return undefined;
  switch (declaration.role) {
    case 'param':
      return { role: 'param' };
    case 'flows':
      return { role: 'flows', methods: declaration.methods };
    case 'inject':
      return { role: 'inject', token: declaration.token };
  }
}

function typeFact(type: unknown): ParameterTypeFact<Token> {
  if (type === JobContext) return { kind: 'context' };
  if (typeof type !== 'function' || builtInTypes.has(type)) return { kind: 'no-class' };
  return { kind: 'class', token: type as Constructor };
}

const builtInTypes = new Set<unknown>([Object, String, Number, Boolean, Symbol, BigInt, Array, Function, Promise]);
