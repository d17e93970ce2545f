import path from 'node:path';
import type { Project, Type } from 'ts-morph';

/** The global error classes, which lib.d.ts declares as interfaces and variables, not classes. */
export const builtinErrorClasses = ['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AggregateError'] as const;

/** Types the checks need that no project file has to mention: `undefined` and the global errors. */
export interface BuiltinTypes {
  /** What a node receives from a flow method called without an argument. */
  readonly undefined: Type;
  /** The instance type of a global error class, by name (`TypeError`). */
  errorType(name: string): Type | undefined;
}

const fileName = '__jobfloor_builtin_types__.ts';

/**
 * Declares the builtin types in an in-memory file of the project. ts-morph cannot build types
 * from nothing, but the checker gives the type of any declaration; creating the file before the
 * first type question keeps the program from being built twice.
 */
export function declareBuiltinTypes(project: Project, root: string): BuiltinTypes {
  const declarations = ['declare const undefinedValue: undefined;', ...builtinErrorClasses.map((name) => `declare const ${name}Value: ${name};`)];
  const file = project.createSourceFile(path.join(root, fileName), declarations.join('\n'), { overwrite: true });
  const typeOf = (name: string): Type => file.getVariableDeclarationOrThrow(name).getType();
  const errors = new Map<string, Type>(builtinErrorClasses.map((name) => [name, typeOf(`${name}Value`)]));
  return { undefined: typeOf('undefinedValue'), errorType: (name) => errors.get(name) };
}

/** True for the in-memory file above, which is no part of the user's project. */
export function isBuiltinTypesFile(filePath: string): boolean {
  return path.basename(filePath) === fileName;
}
