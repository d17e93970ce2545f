import type { ErrorCode } from '../errors/error-codes.js';
import type { IssueCollector } from '../errors/configuration-issue.js';
import { describeParameter } from './parameter-names.js';

/**
 * What a parameter's type says about its role when no decorator gave it one. At run time it comes
 * from the decorator metadata (`design:paramtypes`); `jobfloor check` reads the same from source.
 */
export type ParameterTypeFact<T> =
  /** There is no type metadata at all (esbuild, tsx). */
  | { readonly kind: 'no-metadata' }
  /** The type is `JobContext`. */
  | { readonly kind: 'context' }
  /** The type has no class at run time: an interface, a union, a primitive, `import type`. */
  | { readonly kind: 'no-class' }
  /** The type is a class, the token of a dependency. */
  | { readonly kind: 'class'; readonly token: T };

/** A parameter's role as a decorator declared it; `T` is the token type of `@inject`. */
export type DeclaredRole<T> =
  | { readonly role: 'param' }
  | { readonly role: 'flows'; readonly methods: readonly string[] }
  | { readonly role: 'inject'; readonly token: T };

/** Everything known of one parameter of a job. */
export interface ParameterFacts<T> {
  readonly declared: DeclaredRole<T> | undefined;
  readonly type: ParameterTypeFact<T>;
}

/** The role a parameter plays; `P` is what a dependency resolves to (a provider). */
export type ResolvedRole<P> =
  | { readonly kind: 'param' }
  | { readonly kind: 'context' }
  | { readonly kind: 'flows' }
  | { readonly kind: 'dependency'; readonly provider: P }
  /** A parameter that could not be resolved; only present when an issue was reported. */
  | { readonly kind: 'unresolved' };

/** Where a job's parameters are resolved: the providers by token, and how tokens are named. */
export interface ParameterRoleContext<T, P> {
  readonly job: string;
  /** Parameter names by position, for messages (`undefined` where unknown). */
  readonly names: ReadonlyArray<string | undefined>;
  providerFor(token: T): P | undefined;
  nameOf(token: T): string;
  readonly issues: IssueCollector;
}

/**
 * Resolves the role of each parameter of one job (DESIGN.md's rules, first match wins): a
 * decorator's role, else `JobContext` by type, else a dependency by its class. The office calls it
 * with what the decorator metadata says and `jobfloor check` with what the source says, so both
 * refuse the same jobs with the same messages.
 */
export function resolveParameterRoles<T, P>(
  parameters: ReadonlyArray<ParameterFacts<T>>,
  context: ParameterRoleContext<T, P>,
): { roles: Array<ResolvedRole<P>>; flowMethods: readonly string[] } {
  const resolver = new RoleResolver(context);
  const roles = parameters.map((facts, index) => resolver.role(facts, index));
  return { roles, flowMethods: resolver.flowMethods };
}

class RoleResolver<T, P> {
  flowMethods: readonly string[] = [];
  #paramIndex: number | undefined;
  #flowsIndex: number | undefined;
  #reportedNoMetadata = false;

  constructor(readonly context: ParameterRoleContext<T, P>) {}

  role(facts: ParameterFacts<T>, index: number): ResolvedRole<P> {
    const declared = facts.declared;
    if (declared === undefined) return this.#typedRole(facts.type, index);
    switch (declared.role) {
      case 'param':
        return this.#paramRole(index);
      case 'flows':
        return this.#flowsRole(index, declared.methods);
      case 'inject':
        return this.#dependencyRole(index, declared.token);
    }
  }

  #paramRole(index: number): ResolvedRole<P> {
    if (this.#paramIndex !== undefined) {
      this.#report('JOBFLOOR_JOB_DUPLICATE_PARAM', {
        message: `Job '${this.context.job}' marks both ${this.#describe(this.#paramIndex)} and ${this.#describe(index)} with @param(); a job has one argument.`,
        fix: 'Keep @param() on the parameter that receives the previous job\'s result; pass the rest as one object, or inject them.',
      });
      return { kind: 'unresolved' };
    }
    this.#paramIndex = index;
    return { kind: 'param' };
  }

  #flowsRole(index: number, methods: readonly string[]): ResolvedRole<P> {
    if (this.#flowsIndex !== undefined) {
      this.#report('JOBFLOOR_JOB_DUPLICATE_FLOWS', {
        message: `Job '${this.context.job}' marks both ${this.#describe(this.#flowsIndex)} and ${this.#describe(index)} with @flows().`,
        fix: 'Declare all of the job\'s flows in one interface and one @flows() parameter.',
      });
      return { kind: 'unresolved' };
    }
    if (methods.length === 0) {
      this.#report('JOBFLOOR_JOB_NO_FLOW_METHODS', {
        message: `The @flows() ${this.#describe(index)} of job '${this.context.job}' lists no flow methods; TypeScript interfaces do not exist at run time, so the office cannot check the graph's wiring.`,
        fix: "List the interface's methods: @flows<MyFlows>('doThis', 'doThat').",
      });
    }
    this.#flowsIndex = index;
    this.flowMethods = methods;
    return { kind: 'flows' };
  }

  #typedRole(type: ParameterTypeFact<T>, index: number): ResolvedRole<P> {
    switch (type.kind) {
      case 'no-metadata':
        return this.#reportNoMetadata(index);
      case 'context':
        return { kind: 'context' };
      case 'no-class':
        this.#report('JOBFLOOR_JOB_UNTYPED_PARAMETER', {
          message:
            `${capitalise(this.#describe(index))} of job '${this.context.job}' has no class at run time (its type is an interface, ` +
            `a union, a primitive, or a class imported with 'import type'), so there is nothing to inject it by.`,
          fix: "Mark it @param() if it is the job's argument, @inject(token) with a createToken() token, or import its class as a value.",
        });
        return { kind: 'unresolved' };
      case 'class':
        return this.#dependencyRole(index, type.token);
    }
  }

  #dependencyRole(index: number, token: T): ResolvedRole<P> {
    const provider = this.context.providerFor(token);
    if (provider === undefined) {
      const name = this.context.nameOf(token);
      this.#report('JOBFLOOR_JOB_UNREGISTERED_DEPENDENCY', {
        message: `${capitalise(this.#describe(index))} of job '${this.context.job}' needs dependency '${name}', which no provider supplies.`,
        fix: `Add provide(${name}, { scope: 'process' | 'flow' | 'job', ... }) to defineOffice({ dependencies }).`,
      });
      return { kind: 'unresolved' };
    }
    return { kind: 'dependency', provider };
  }

  #reportNoMetadata(index: number): ResolvedRole<P> {
    if (!this.#reportedNoMetadata) {
      this.#reportedNoMetadata = true;
      this.#report('JOBFLOOR_JOB_NO_TYPE_METADATA', {
        message:
          `Job '${this.context.job}' has no decorator type metadata, so the role of ${this.#describe(index)} cannot be found: ` +
          `it was compiled without emitDecoratorMetadata (esbuild, tsx and vitest's default transform drop it).`,
        fix:
          'Compile with tsc (experimentalDecorators and emitDecoratorMetadata) or SWC (jsc.transform.decoratorMetadata; ' +
          'unplugin-swc under vitest), or give every parameter a decorator (@param, @flows, @inject).',
      });
    }
    return { kind: 'unresolved' };
  }

  #describe(index: number): string {
    return describeParameter(this.context.names, index);
  }

  #report(code: ErrorCode, text: { message: string; fix: string }): void {
    this.context.issues.add({ code, location: `job ${this.context.job}`, ...text });
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the duplicate-name rule needs of a job. */
export interface NamedJob {
  readonly name: string;
  /** `Class.method`, as written in the source. */
  readonly where: string;
}

/** Reports every job name that more than one job has: flow graphs and team rules name jobs. */
export function reportDuplicateJobNames(jobs: readonly NamedJob[], issues: IssueCollector): void {
  const byName = new Map<string, NamedJob[]>();
  for (const job of jobs) byName.set(job.name, [...(byName.get(job.name) ?? []), job]);
  for (const [name, same] of byName) {
    if (same.length < 2) continue;
    issues.add({
      code: 'JOBFLOOR_JOB_DUPLICATE_NAME',
      location: `job ${name}`,
      message: `${same.length} jobs are named '${name}': ${same.map((job) => job.where).join(' and ')}. Flow graphs and team rules could not tell them apart.`,
      fix: "Give one of them its own name with @job({ name: '...' }), or rename a class.",
    });
  }
}

/** Reports a class listed in the office's jobs that has no `@job()` method. */
export function reportClassWithoutJobs(className: string, issues: IssueCollector): void {
  issues.add({
    code: 'JOBFLOOR_JOB_CLASS_WITHOUT_JOBS',
    location: `class ${className}`,
    message: `Class '${className}' is listed in the office's jobs but has no @job() method.`,
    fix: 'Mark its job methods with @job(), or remove the class from defineOffice({ jobs }).',
  });
}
