import type { ClassDeclaration, MethodDeclaration, Node, Type } from 'ts-morph';
import type { DependencyScope } from '../../framework/dependencies/provide.js';
import type { DependencyGraph } from '../../framework/dependencies/dependency-graph.js';
import type { ConfigurationIssue } from '../../framework/errors/configuration-issue.js';
import type { FlowsSource } from '../../framework/flows/flow-files.js';
import type { PlannableJob } from '../../framework/flows/flow-plan.js';
import type { OfficeEscalationTarget } from '../../framework/office/office-definition.js';
import type { TeamsSource } from '../../framework/teams/teams-config-loader.js';

/**
 * The job catalogue: what the office modules declare, read from their source with ts-morph. It
 * keeps the checker's types (for `jobfloor check`); `catalogue-json.ts` writes it out as JSON for
 * other tools and the editor.
 */
export interface Catalogue {
  /** The directory of the tsconfig the sources were read with; relative paths resolve against it. */
  readonly root: string;
  readonly offices: readonly CatalogueOffice[];
  /** `defineOffice(x)` calls whose definition only running the code could tell. */
  readonly skipped: readonly UnresolvedPart[];
}

/**
 * A dependency token as the source names it: a class, or a `createToken('Name')` key. One object
 * per declaration, so that tokens compare by identity as the runtime's do.
 */
export interface StaticToken {
  readonly name: string;
  readonly kind: 'class' | 'key';
  /** Undefined when the token expression could not be followed to a declaration. */
  readonly declaration: Node | undefined;
}

/** A `provide(token, { scope, dependsOn, create })` call of an office. */
export interface CatalogueProvider {
  readonly token: StaticToken;
  readonly scope: DependencyScope;
  readonly dependsOn: readonly StaticToken[];
  /** `true` when the call has `create`, or the token is a class (constructed by default). */
  readonly create: true | undefined;
  readonly file: string;
  readonly line: number;
}

/** One `defineOffice({ ... })` call. */
export interface CatalogueOffice {
  /** `defineOffice({ name })`, if the source gives it. */
  readonly name: string | undefined;
  /** The name, or `office at FILE:LINE`, for messages. */
  readonly label: string;
  readonly file: string;
  readonly line: number;
  /** `defineOffice({ module })` is given (thread-pool teams need it). */
  readonly hasModule: boolean;
  readonly jobs: readonly CatalogueJob[];
  readonly providers: readonly CatalogueProvider[];
  readonly graph: DependencyGraph<StaticToken, CatalogueProvider>;
  /** The flow sources, as the office would read them (paths absolute). */
  readonly flows: readonly FlowsSource[];
  /** The teams file named by `defineOffice({ teams })`, if any. */
  readonly teams: TeamsSource | undefined;
  readonly escalations: Readonly<Record<string, OfficeEscalationTarget>>;
  /** What start-up would refuse in the jobs and dependencies (shared rules, see framework/jobs/parameter-roles.ts). */
  readonly issues: readonly ConfigurationIssue[];
  /** Parts of the definition the reader could not evaluate statically, with where they are. */
  readonly unresolved: readonly UnresolvedPart[];
}

/** Something in an office definition that only running it could tell. */
export interface UnresolvedPart {
  readonly location: string;
  readonly what: string;
}

/** A job's `@param()` parameter. */
export interface CatalogueParameter {
  readonly name: string;
  readonly type: Type;
}

/** A parameter filled with a dependency. */
export interface CatalogueInjection {
  readonly parameter: string;
  readonly provider: CatalogueProvider;
}

/**
 * How a job uses a flow method, read from its declared return type: a method returning `void` is
 * a goto (called without awaiting, it replaces next), one returning a value or promise is a call
 * whose result the job awaits. A graph link marked `spawn` overrides both.
 */
export type FlowMethodUse = 'goto' | 'call';

/** One method of a job's flow interface. */
export interface CatalogueFlowMethod {
  readonly name: string;
  /** The type of its argument; undefined when the method takes none. */
  readonly argument: Type | undefined;
  /** What a call resolves with (the promise's value); undefined for a goto. */
  readonly result: Type | undefined;
  readonly use: FlowMethodUse;
  /** False when the interface has no such method (the decorator lists a name the type lacks). */
  readonly declared: boolean;
}

/** A job's `@flows()` parameter. */
export interface CatalogueFlows {
  readonly parameter: string;
  /** The interface's name as written. */
  readonly interfaceName: string;
  readonly interfaceType: Type;
  /** Listed in the decorator, in order. */
  readonly methods: readonly CatalogueFlowMethod[];
  /** Methods of the interface that the decorator does not list. */
  readonly unlisted: readonly string[];
}

/** An escalation a job declares: `@job({ throws })` or a `@throws {Class}` JSDoc tag. */
export interface DeclaredEscalation {
  /** The class name, as the runtime matches it. */
  readonly className: string;
  /** The error's instance type; undefined when a JSDoc tag names a class the source cannot resolve. */
  readonly type: Type | undefined;
  /** The class names from the class up its base classes: `['SqlError', 'DatabaseError', 'Error']`. */
  readonly chain: readonly string[];
  /** The classes of the chain that could be resolved, by name: handlers are checked against them. */
  readonly classes: ReadonlyMap<string, ClassDeclaration>;
  readonly source: '@job' | '@throws';
}

/** A job: a `@job()` method of one of an office's job classes. */
export interface CatalogueJob extends PlannableJob {
  readonly name: string;
  readonly className: string;
  readonly methodName: string;
  readonly file: string;
  readonly line: number;
  readonly classDeclaration: ClassDeclaration;
  readonly method: MethodDeclaration;
  /** Undefined: the job ignores its argument. */
  readonly param: CatalogueParameter | undefined;
  /** What it returns, a promise's value when async: what goes to next. */
  readonly returns: Type;
  readonly injections: readonly CatalogueInjection[];
  readonly usesContext: boolean;
  readonly flows: CatalogueFlows | undefined;
  readonly flowMethods: readonly string[];
  readonly throws: readonly DeclaredEscalation[];
}
