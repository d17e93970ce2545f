import 'reflect-metadata';
import type { DependencyGraph } from '../dependencies/dependency-graph.js';
import type { DependencyProvider } from '../dependencies/provide.js';
import { tokenName, type Constructor, type Token } from '../dependencies/token.js';
import type { ErrorCode } from '../errors/error-codes.js';
import type { IssueCollector } from '../errors/configuration-issue.js';
import { JobContext } from './job-context.js';
import { declaredJobMethods, type DeclaredParameter, type MethodDeclaration } from './job-declarations.js';
import { describeParameter, parameterNames } from './parameter-names.js';

/** What the engine passes for one parameter of a job. */
export type ParameterRole =
  | { readonly kind: 'param' }
  | { readonly kind: 'context' }
  | { readonly kind: 'flows' }
  | { readonly kind: 'dependency'; readonly provider: DependencyProvider }
  /** A parameter that could not be resolved; only present when start-up reported an issue. */
  | { readonly kind: 'unresolved' };

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
    if (methods.size === 0) reportClassWithoutJobs(jobClass, issues);
    if (methods.size === 0) continue;
    const instance = new (jobClass as unknown as new () => object)();
    for (const [methodName, declaration] of methods) {
      jobs.push(defineJob(jobClass, instance, methodName, declaration, graph, issues));
    }
  }
  reportDuplicateNames(jobs, issues);
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
  const reader = new ParameterReader(name, jobClass, methodName, method, graph, issues);
  const parameters = reader.roles(declaration.parameters);
  return Object.freeze({
    name,
    jobClass,
    methodName,
    instance,
    method,
    parameters,
    flowMethods: reader.flowMethods,
    throws: (declaration.options?.throws ?? []).map((errorClass) => errorClass.name),
    dependencies: parameters.flatMap((role) => (role.kind === 'dependency' ? [role.provider] : [])),
  });
}

/** Resolves the role of each parameter of one job method (DESIGN.md's rules, first match wins). */
class ParameterReader {
  flowMethods: readonly string[] = [];
  readonly #names: Array<string | undefined>;
  readonly #types: unknown[] | undefined;
  #paramIndex: number | undefined;
  #flowsIndex: number | undefined;
  #reportedNoMetadata = false;

  constructor(
    readonly job: string,
    jobClass: Constructor,
    methodName: string,
    readonly method: (...args: never[]) => unknown,
    readonly graph: DependencyGraph,
    readonly issues: IssueCollector,
  ) {
    this.#names = parameterNames(method);
    this.#types = Reflect.getMetadata('design:paramtypes', jobClass.prototype as object, methodName) as unknown[] | undefined;
  }

  roles(declared: readonly DeclaredParameter[]): ParameterRole[] {
    const count = Math.max(this.method.length, this.#types?.length ?? 0, ...declared.map((d) => d.index + 1));
    const roles: ParameterRole[] = [];
    for (let index = 0; index < count; index++) {
      const declaration = declared.find((d) => d.index === index);
      roles.push(declaration ? this.#declaredRole(declaration) : this.#typedRole(index));
    }
    return roles;
  }

  #declaredRole(declaration: DeclaredParameter): ParameterRole {
    switch (declaration.role) {
      case 'param':
        return this.#paramRole(declaration.index);
      case 'flows':
        return this.#flowsRole(declaration.index, declaration.methods);
      case 'inject':
        return this.#dependencyRole(declaration.index, declaration.token);
    }
  }

  #paramRole(index: number): ParameterRole {
    if (this.#paramIndex !== undefined) {
      this.#report('JOBFLOOR_JOB_DUPLICATE_PARAM', {
        message: `Job '${this.job}' marks both ${this.#describe(this.#paramIndex)} and ${this.#describe(index)} with @param(); a job has one argument.`,
        fix: 'Keep @param() on the parameter that receives the previous job\'s result; pass the rest as one object, or inject them.',
      });
      return { kind: 'unresolved' };
    }
    this.#paramIndex = index;
    return { kind: 'param' };
  }

  #flowsRole(index: number, methods: readonly string[]): ParameterRole {
    if (this.#flowsIndex !== undefined) {
      this.#report('JOBFLOOR_JOB_DUPLICATE_FLOWS', {
        message: `Job '${this.job}' marks both ${this.#describe(this.#flowsIndex)} and ${this.#describe(index)} with @flows().`,
        fix: 'Declare all of the job\'s flows in one interface and one @flows() parameter.',
      });
      return { kind: 'unresolved' };
    }
    if (methods.length === 0) {
      this.#report('JOBFLOOR_JOB_NO_FLOW_METHODS', {
        message: `The @flows() ${this.#describe(index)} of job '${this.job}' lists no flow methods; TypeScript interfaces do not exist at run time, so the office cannot check the graph's wiring.`,
        fix: "List the interface's methods: @flows<MyFlows>('doThis', 'doThat').",
      });
    }
    this.#flowsIndex = index;
    this.flowMethods = methods;
    return { kind: 'flows' };
  }

  #typedRole(index: number): ParameterRole {
    if (this.#types === undefined) return this.#reportNoMetadata(index);
    const type = this.#types[index];
    if (type === JobContext) return { kind: 'context' };
    if (typeof type !== 'function' || isBuiltInType(type)) {
      this.#report('JOBFLOOR_JOB_UNTYPED_PARAMETER', {
        message:
          `${capitalise(this.#describe(index))} of job '${this.job}' has no class at run time (its type is an interface, ` +
          `a union, a primitive, or a class imported with 'import type'), so there is nothing to inject it by.`,
        fix: "Mark it @param() if it is the job's argument, @inject(token) with a createToken() token, or import its class as a value.",
      });
      return { kind: 'unresolved' };
    }
    return this.#dependencyRole(index, type as Constructor);
  }

  #dependencyRole(index: number, token: Token): ParameterRole {
    const provider = this.graph.providerFor(token);
    if (provider === undefined) {
      const name = tokenName(token);
      this.#report('JOBFLOOR_JOB_UNREGISTERED_DEPENDENCY', {
        message: `${capitalise(this.#describe(index))} of job '${this.job}' needs dependency '${name}', which no provider supplies.`,
        fix: `Add provide(${name}, { scope: 'process' | 'flow' | 'job', ... }) to defineOffice({ dependencies }).`,
      });
      return { kind: 'unresolved' };
    }
    return { kind: 'dependency', provider };
  }

  #reportNoMetadata(index: number): ParameterRole {
    if (!this.#reportedNoMetadata) {
      this.#reportedNoMetadata = true;
      this.#report('JOBFLOOR_JOB_NO_TYPE_METADATA', {
        message:
          `Job '${this.job}' has no decorator type metadata, so the role of ${this.#describe(index)} cannot be found: ` +
          `it was compiled without emitDecoratorMetadata (esbuild, tsx and vitest's default transform drop it).`,
        fix:
          'Compile with tsc (experimentalDecorators and emitDecoratorMetadata) or SWC (jsc.transform.decoratorMetadata; ' +
          'unplugin-swc under vitest), or give every parameter a decorator (@param, @flows, @inject).',
      });
    }
    return { kind: 'unresolved' };
  }

  #describe(index: number): string {
    return describeParameter(this.#names, index);
  }

  #report(code: ErrorCode, text: { message: string; fix: string }): void {
    this.issues.add({ code, location: `job ${this.job}`, ...text });
  }
}

const builtInTypes = new Set<unknown>([Object, String, Number, Boolean, Symbol, BigInt, Array, Function, Promise]);

function isBuiltInType(type: unknown): boolean {
  return builtInTypes.has(type);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function reportClassWithoutJobs(jobClass: Constructor, issues: IssueCollector): void {
  issues.add({
    code: 'JOBFLOOR_JOB_CLASS_WITHOUT_JOBS',
    location: `class ${jobClass.name}`,
    message: `Class '${jobClass.name}' is listed in the office's jobs but has no @job() method.`,
    fix: 'Mark its job methods with @job(), or remove the class from defineOffice({ jobs }).',
  });
}

function reportDuplicateNames(jobs: readonly JobDefinition[], issues: IssueCollector): void {
  const byName = new Map<string, JobDefinition[]>();
  for (const definition of jobs) byName.set(definition.name, [...(byName.get(definition.name) ?? []), definition]);
  for (const [name, same] of byName) {
    if (same.length < 2) continue;
    const where = same.map((d) => `${d.jobClass.name}.${d.methodName}`).join(' and ');
    issues.add({
      code: 'JOBFLOOR_JOB_DUPLICATE_NAME',
      location: `job ${name}`,
      message: `${same.length} jobs are named '${name}': ${where}. Flow graphs and team rules could not tell them apart.`,
      fix: "Give one of them its own name with @job({ name: '...' }), or rename a class.",
    });
  }
}
