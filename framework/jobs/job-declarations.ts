import type { Token } from '../dependencies/token.js';

/** Options of `@job()`. */
export interface JobOptions {
  /** The job's name in flow graphs and team rules. Default: `ClassName.method`. */
  readonly name?: string;
  /**
   * The escalations (error classes) the job may throw. The static check uses them to make sure
   * every one is handled; the runtime routes by the thrown error's class, declared or not.
   */
  readonly throws?: ReadonlyArray<abstract new (...args: never[]) => unknown>;
}

/** A parameter whose role a decorator declared; the others get their role from their type. */
export type DeclaredParameter =
  | { readonly index: number; readonly role: 'param' }
  | { readonly index: number; readonly role: 'flows'; readonly methods: readonly string[] }
  | { readonly index: number; readonly role: 'inject'; readonly token: Token };

/** What the decorators recorded about one method. */
export interface MethodDeclaration {
  options?: JobOptions;
  isJob: boolean;
  readonly parameters: DeclaredParameter[];
}

// Keyed by the prototype, so that declarations never leak onto classes that were not decorated.
const declarations = new WeakMap<object, Map<string, MethodDeclaration>>();

/** The declaration of `prototype[method]`, created on first use by a decorator. */
export function declarationFor(prototype: object, method: string): MethodDeclaration {
  let methods = declarations.get(prototype);
  if (methods === undefined) {
    methods = new Map();
    declarations.set(prototype, methods);
  }
  let declaration = methods.get(method);
  if (declaration === undefined) {
    declaration = { isJob: false, parameters: [] };
    methods.set(method, declaration);
  }
  return declaration;
}

/**
 * The `@job()` methods of a class, its base classes included; a method redeclared in a subclass
 * is taken from the subclass.
 */
export function declaredJobMethods(jobClass: abstract new (...args: never[]) => unknown): Map<string, MethodDeclaration> {
  const found = new Map<string, MethodDeclaration>();
  for (let proto = jobClass.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [method, declaration] of declarations.get(proto) ?? []) {
      if (declaration.isJob && !found.has(method)) found.set(method, declaration);
    }
  }
  return found;
}
