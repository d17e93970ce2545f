import { existsSync } from 'node:fs';
import path from 'node:path';
import { Project, type Node } from 'ts-morph';
import { displayPath } from '../../framework/config/display-path.js';
import { declareBuiltinTypes, type BuiltinTypes } from './builtin-types.js';

/** The TypeScript project the tools read office modules from. */
export interface SourceProject {
  readonly project: Project;
  /** The tsconfig's directory: relative paths in office definitions resolve against it. */
  readonly root: string;
  readonly tsconfig: string;
  readonly builtins: BuiltinTypes;
}

/**
 * The tsconfig to read when none is named: `tsconfig.build.json` in the working directory when
 * there is one (it leaves out the tests, whose offices are deliberately broken), else `tsconfig.json`.
 */
export function defaultTsconfig(directory = process.cwd()): string {
  const build = path.join(directory, 'tsconfig.build.json');
  return existsSync(build) ? build : path.join(directory, 'tsconfig.json');
}

/** Opens the project of `tsconfig` (its files are parsed and type-checked lazily, on demand). */
export function openSourceProject(tsconfig: string = defaultTsconfig()): SourceProject {
  const absolute = path.resolve(tsconfig);
  if (!existsSync(absolute)) throw new Error(`There is no tsconfig at ${displayPath(absolute)}; name one with --project FILE.`);
  const project = new Project({ tsConfigFilePath: absolute });
  const root = path.dirname(absolute);
  return { project, root, tsconfig: absolute, builtins: declareBuiltinTypes(project, root) };
}

/** `file:line` of a node, as messages show it. */
export function where(node: Node): string {
  return `${displayPath(node.getSourceFile().getFilePath())}:${node.getStartLineNumber()}`;
}

/** The display path of the file a node is in. */
export function fileOf(node: Node): string {
  return displayPath(node.getSourceFile().getFilePath());
}
