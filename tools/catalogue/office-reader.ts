import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Node, type CallExpression, type ClassDeclaration, type ObjectLiteralExpression } from 'ts-morph';
import { DependencyGraph } from '../../framework/dependencies/dependency-graph.js';
import { IssueCollector } from '../../framework/errors/configuration-issue.js';
import type { FlowsSource } from '../../framework/flows/flow-files.js';
import { reportDuplicateJobNames } from '../../framework/jobs/parameter-roles.js';
import type { OfficeEscalationTarget } from '../../framework/office/office-definition.js';
import type { CatalogueJob, CatalogueOffice, CatalogueProvider, StaticToken, UnresolvedPart } from './catalogue-model.js';
import { readJobClass } from './job-reader.js';
import { initializerOf, readProviders } from './provider-reader.js';
import { fileOf, where } from './source-project.js';
import { evaluate, isResolved, unresolvedParts } from './static-value.js';
import { resolvedSymbol, type StaticTokens } from './static-tokens.js';

/** What reading an office needs: the project root (relative paths) and the shared tokens. */
export interface OfficeReadContext {
  readonly root: string;
  readonly tokens: StaticTokens;
}

/** An office read from source, or a `defineOffice(x)` whose `x` only running the code could tell. */
export type OfficeReading = { readonly office: CatalogueOffice } | { readonly skipped: UnresolvedPart };

/**
 * Reads one `defineOffice({ ... })` call as the office's start-up would: its dependencies (checked
 * by the runtime's own `DependencyGraph`), its jobs (roles resolved by the runtime's rules), flows,
 * teams file and office-level escalations. What cannot be read statically is listed in `unresolved`.
 */
export function readOffice(call: CallExpression, context: OfficeReadContext): OfficeReading {
  const [argument] = call.getArguments();
  const definition = argument === undefined ? undefined : objectLiteral(argument);
  if (definition === undefined) {
    return { skipped: { location: where(call), what: `defineOffice(${argument?.getText() ?? ''}) does not give its definition as an object literal` } };
  }
  const unresolved: UnresolvedPart[] = [];
  const issues = new IssueCollector();
  const providers = readProviders(propertyValue(definition, 'dependencies'), context.tokens, unresolved);
  const graph = readGraph(providers, issues);
  const jobs = readJobs(propertyValue(definition, 'jobs'), { tokens: context.tokens, graph, issues }, unresolved);
  const name = readValue(definition, 'name', unresolved);
  return {
    office: {
      name: typeof name === 'string' ? name : undefined,
      label: typeof name === 'string' ? `office '${name}'` : `the office at ${where(call)}`,
      file: fileOf(call),
      line: call.getStartLineNumber(),
      hasModule: definition.getProperty('module') !== undefined,
      jobs,
      providers,
      graph,
      flows: flowsSources(readValue(definition, 'flows', unresolved), context.root),
      teams: teamsSource(readValue(definition, 'teams', unresolved), context.root),
      escalations: escalationTable(readValue(definition, 'escalations', unresolved)),
      issues: issues.issues,
      unresolved,
    },
  };
}

function readJobs(expression: Node | undefined, context: Parameters<typeof readJobClass>[1], unresolved: UnresolvedPart[]): CatalogueJob[] {
  const classes = expression === undefined ? [] : classList(expression, unresolved);
  const jobs = classes.flatMap((jobClass) => readJobClass(jobClass, context));
  const firstOf = (name: string): CatalogueJob => jobs.find((job) => job.name === name)!;
  const named = jobs.map((job) => ({ name: job.name, where: `${job.className}.${job.methodName}` }));
  const local = new IssueCollector();
  reportDuplicateJobNames(named, local);
  for (const issue of local.issues) {
    const job = firstOf(issue.location.replace(/^job /, ''));
    context.issues.add({ ...issue, location: `${job.file}:${job.line} (${issue.location})` });
  }
  return jobs;
}

/** The classes of `jobs: [A, B, ...others]`, following `const` arrays and imports. */
function classList(expression: Node, unresolved: UnresolvedPart[]): ClassDeclaration[] {
  if (Node.isParenthesizedExpression(expression) || Node.isAsExpression(expression) || Node.isSatisfiesExpression(expression)) {
    return classList(expression.getExpression(), unresolved);
  }
  if (Node.isArrayLiteralExpression(expression)) {
    return expression.getElements().flatMap((element) => classList(Node.isSpreadElement(element) ? element.getExpression() : element, unresolved));
  }
  const declaration = resolvedSymbol(expression)?.getDeclarations().find((candidate) => Node.isClassDeclaration(candidate));
  if (Node.isClassDeclaration(declaration)) return [declaration];
  const initializer = Node.isIdentifier(expression) ? initializerOf(expression) : undefined;
  if (initializer !== undefined) return classList(initializer, unresolved);
  unresolved.push({ location: where(expression), what: `job class ${expression.getText()} (not a class or an array of classes the catalogue can follow)` });
  return [];
}

/**
 * Checks the providers with the runtime's `DependencyGraph`. It locates issues by dependency name;
 * the report shows the `provide()` call instead.
 */
function readGraph(providers: readonly CatalogueProvider[], issues: IssueCollector): DependencyGraph<StaticToken, CatalogueProvider> {
  const local = new IssueCollector();
  const graph = DependencyGraph.build<StaticToken, CatalogueProvider>(providers, local, (token) => token.name);
  for (const issue of local.issues) {
    const name = issue.location.replace(/^dependency /, '');
    const provider = providers.find((candidate) => candidate.token.name === name);
    issues.add(provider === undefined ? issue : { ...issue, location: `${provider.file}:${provider.line} (${issue.location})` });
  }
  return graph;
}

function readValue(definition: ObjectLiteralExpression, name: string, unresolved: UnresolvedPart[]): unknown {
  const expression = propertyValue(definition, name);
  if (expression === undefined) return undefined;
  const value = evaluate(expression, { notes: [] });
  if (!isResolved(value)) {
    unresolved.push({ location: where(expression), what: `${name}: ${unresolvedParts(value).join(', ')} (only running the code could tell)` });
    return undefined;
  }
  return value;
}

/** A property's value expression; `{ flows }` shorthand gives the variable. */
function propertyValue(object: ObjectLiteralExpression, name: string): Node | undefined {
  const property = object.getProperty(name);
  if (Node.isPropertyAssignment(property)) return property.getInitializer();
  if (Node.isShorthandPropertyAssignment(property)) return property.getNameNode();
  return undefined;
}

function objectLiteral(expression: Node): ObjectLiteralExpression | undefined {
  if (Node.isObjectLiteralExpression(expression)) return expression;
  if (Node.isParenthesizedExpression(expression) || Node.isAsExpression(expression) || Node.isSatisfiesExpression(expression)) {
    return objectLiteral(expression.getExpression());
  }
  const initializer = Node.isIdentifier(expression) ? initializerOf(expression) : undefined;
  return initializer === undefined ? undefined : objectLiteral(initializer);
}

/**
 * The flow sources as the office would load them. Paths are absolute: relative ones resolve against
 * the project root, where the runtime's working directory is when started by the npm scripts.
 */
function flowsSources(value: unknown, root: string): FlowsSource[] {
  const list = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return list.flatMap((item): FlowsSource[] => {
    if (typeof item === 'string') return [absolutePath(item, root)];
    if (isInCodeSource(item)) return [{ file: item.file, content: item.content }];
    return [];
  });
}

function teamsSource(value: unknown, root: string): CatalogueOffice['teams'] {
  if (typeof value === 'string') return absolutePath(value, root);
  return isInCodeSource(value) ? value : undefined;
}

function isInCodeSource(value: unknown): value is { file: string; content: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { file?: unknown }).file === 'string' && 'content' in value;
}

/** A path or `file:` URL (how `new URL(..., import.meta.url)` evaluates) as an absolute path. */
function absolutePath(pathOrUrl: string, root: string): string {
  return path.resolve(root, pathOrUrl.startsWith('file:') ? fileURLToPath(pathOrUrl) : pathOrUrl);
}

function escalationTable(value: unknown): Record<string, OfficeEscalationTarget> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, OfficeEscalationTarget] => typeof entry[1] === 'string' || (typeof entry[1] === 'object' && entry[1] !== null),
    ),
  );
}
