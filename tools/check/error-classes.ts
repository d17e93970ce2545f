import { Node, type ClassDeclaration, type SourceFile, type Type } from 'ts-morph';
import type { CatalogueOffice } from '../catalogue/catalogue-model.js';
import { builtinErrorClasses, isBuiltinTypesFile } from '../catalogue/builtin-types.js';
import type { SourceProject } from '../catalogue/source-project.js';

/**
 * Error classes by name, as escalation tables name them. Escalations match by class name (so that
 * they work across threads), so a name is looked up where the jobs' declared escalations lead
 * first, then among the project's classes, the global errors, and the libraries' classes.
 */
export class ErrorClassIndex {
  readonly #declared = new Map<string, ClassDeclaration>();
  #project: Map<string, ClassDeclaration> | undefined;
  #libraries: Map<string, ClassDeclaration> | undefined;

  constructor(
    readonly source: SourceProject,
    offices: readonly CatalogueOffice[],
  ) {
    for (const job of offices.flatMap((office) => office.jobs)) {
      for (const escalation of job.throws) for (const [name, declaration] of escalation.classes) this.#declared.set(name, declaration);
    }
  }

  /** The instance type of the error class `name`; undefined when there is no such class. */
  typeOf(name: string): Type | undefined {
    const declaration = this.#declared.get(name) ?? this.#projectClasses().get(name);
    if (declaration !== undefined) return declaration.getType();
    const builtin = this.source.builtins.errorType(name);
    if (builtin !== undefined) return builtin;
    return this.#libraryClasses().get(name)?.getType();
  }

  /** The names a misspelt one may be close to (for "did you mean"). */
  knownNames(): string[] {
    return [...new Set([...this.#declared.keys(), ...this.#projectClasses().keys(), ...builtinErrorClasses])];
  }

  #projectClasses(): Map<string, ClassDeclaration> {
    return (this.#project ??= classesByName(this.source, (file) => !file.isDeclarationFile() && !file.isInNodeModules()));
  }

  #libraryClasses(): Map<string, ClassDeclaration> {
    return (this.#libraries ??= classesByName(this.source, (file) => file.isDeclarationFile() || file.isInNodeModules()));
  }
}

/** The top-level classes of the files `include` selects, by name (the first of a name wins). */
function classesByName(source: SourceProject, include: (file: SourceFile) => boolean): Map<string, ClassDeclaration> {
  const classes = new Map<string, ClassDeclaration>();
  for (const file of source.project.getSourceFiles()) {
    if (isBuiltinTypesFile(file.getFilePath()) || !include(file)) continue;
    for (const statement of file.getStatements()) {
      const name = Node.isClassDeclaration(statement) ? statement.getName() : undefined;
      if (name !== undefined && Node.isClassDeclaration(statement) && !classes.has(name)) classes.set(name, statement);
    }
  }
  return classes;
}
