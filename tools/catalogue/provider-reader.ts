import { Node, SyntaxKind, type CallExpression, type ObjectLiteralExpression } from 'ts-morph';
import type { DependencyScope } from '../../framework/dependencies/provide.js';
import type { CatalogueProvider, UnresolvedPart } from './catalogue-model.js';
import { fileOf, where } from './source-project.js';
import { evaluate } from './static-value.js';
import type { StaticTokens } from './static-tokens.js';

const scopes: readonly string[] = ['process', 'flow', 'job'];
const MAX_DEPTH = 10;

/**
 * Reads the `provide()` calls of an office's `dependencies`: from the array literal, spreads of
 * other arrays, `const` arrays and functions that return an array literal.
 */
export function readProviders(dependencies: Node | undefined, tokens: StaticTokens, unresolved: UnresolvedPart[]): CatalogueProvider[] {
  if (dependencies === undefined) return [];
  return provideCalls(dependencies, unresolved, 0).flatMap((call) => readProvide(call, tokens, unresolved));
}

function provideCalls(expression: Node, unresolved: UnresolvedPart[], depth: number): CallExpression[] {
  if (depth > MAX_DEPTH) return skip(expression, unresolved);
  const inner = (node: Node): CallExpression[] => provideCalls(node, unresolved, depth + 1);
  if (Node.isArrayLiteralExpression(expression)) {
    return expression.getElements().flatMap((element) => inner(Node.isSpreadElement(element) ? element.getExpression() : element));
  }
  if (Node.isAsExpression(expression) || Node.isParenthesizedExpression(expression) || Node.isSatisfiesExpression(expression)) {
    return inner(expression.getExpression());
  }
  if (Node.isCallExpression(expression)) {
    if (calleeName(expression) === 'provide') return [expression];
    const returned = returnedExpression(expression);
    return returned === undefined ? skip(expression, unresolved) : inner(returned);
  }
  if (Node.isIdentifier(expression)) {
    const initializer = initializerOf(expression);
    return initializer === undefined ? skip(expression, unresolved) : inner(initializer);
  }
  return skip(expression, unresolved);
}

function skip(expression: Node, unresolved: UnresolvedPart[]): [] {
  unresolved.push({ location: where(expression), what: `dependencies ${expression.getText()} (not a provide() call the catalogue can follow)` });
  return [];
}

function readProvide(call: CallExpression, tokens: StaticTokens, unresolved: UnresolvedPart[]): CatalogueProvider[] {
  const [tokenExpression, optionsExpression] = call.getArguments();
  const options = optionsExpression === undefined ? undefined : objectLiteral(optionsExpression);
  if (tokenExpression === undefined || options === undefined) return skip(call, unresolved);
  const token = tokens.fromExpression(tokenExpression);
  const scopeProperty = options.getProperty('scope');
  const scope = Node.isPropertyAssignment(scopeProperty) ? evaluate(scopeProperty.getInitializerOrThrow(), { notes: [] }) : undefined;
  if (typeof scope !== 'string' || !scopes.includes(scope)) {
    unresolved.push({ location: where(call), what: `the scope of provide(${token.name}) is not 'process', 'flow' or 'job'` });
    return [];
  }
  return [
    {
      token,
      scope: scope as DependencyScope,
      dependsOn: dependsOnTokens(options, tokens),
      create: options.getProperty('create') !== undefined || token.kind === 'class' ? true : undefined,
      file: fileOf(call),
      line: call.getStartLineNumber(),
    },
  ];
}

function dependsOnTokens(options: ObjectLiteralExpression, tokens: StaticTokens): CatalogueProvider['dependsOn'] {
  const property = options.getProperty('dependsOn');
  const value = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  const list = value === undefined ? undefined : unwrap(value);
  if (!Node.isArrayLiteralExpression(list)) return [];
  return list.getElements().map((element) => tokens.fromExpression(element));
}

function objectLiteral(expression: Node): ObjectLiteralExpression | undefined {
  const value = unwrap(expression);
  if (Node.isObjectLiteralExpression(value)) return value;
  if (Node.isIdentifier(value)) {
    const initializer = initializerOf(value);
    return initializer === undefined ? undefined : objectLiteral(initializer);
  }
  return undefined;
}

function unwrap(expression: Node): Node {
  if (Node.isAsExpression(expression) || Node.isParenthesizedExpression(expression) || Node.isSatisfiesExpression(expression)) {
    return unwrap(expression.getExpression());
  }
  return expression;
}

/** The name a call's callee ends with: `provide` for `provide(...)` and `framework.provide(...)`. */
export function calleeName(call: CallExpression): string {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
}

/** A variable's initializer, through imports. */
export function initializerOf(identifier: Node): Node | undefined {
  let symbol = identifier.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  const declaration = symbol?.getValueDeclaration();
  return Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
}

/** What a function with a single `return` returns (a helper that builds the providers). */
function returnedExpression(call: CallExpression): Node | undefined {
  let symbol = call.getExpression().getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  let declaration = symbol?.getValueDeclaration();
  if (Node.isVariableDeclaration(declaration)) declaration = declaration.getInitializer();
  const body =
    Node.isFunctionDeclaration(declaration) || Node.isArrowFunction(declaration) || Node.isFunctionExpression(declaration)
      ? declaration.getBody()
      : undefined;
  if (body !== undefined && !Node.isBlock(body)) return body;
  const returns = body?.getDescendantsOfKind(SyntaxKind.ReturnStatement) ?? [];
  return returns.length === 1 ? returns[0]!.getExpression() : undefined;
}
