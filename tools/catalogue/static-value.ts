import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Node, SyntaxKind, type Expression, type VariableDeclaration } from 'ts-morph';

/** A part of an expression that only running the code could tell (a parameter, a function call). */
export class Unresolved {
  constructor(readonly text: string) {}
}

/** What evaluating an expression noted on the way, e.g. an assumption about a path. */
export interface EvaluationNotes {
  readonly notes: string[];
}

const MAX_DEPTH = 20;

/**
 * Evaluates the expressions that office definitions are written with, without running them:
 * literals, object and array literals, `const` variables (also imported ones), `import.meta.url`,
 * `new URL(relative, base)`, `fileURLToPath()` and `path.join()`/`path.resolve()`. A `path.join`
 * whose leading arguments cannot be evaluated (a function finding the repository root) is taken to
 * be relative to the project root, and says so in `notes`. Anything else is `Unresolved`.
 */
export function evaluate(expression: Node, notes: EvaluationNotes, depth = 0): unknown {
  if (depth > MAX_DEPTH) return new Unresolved(expression.getText());
  const next = (node: Node): unknown => evaluate(node, notes, depth + 1);
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression)) return expression.getLiteralValue();
  if (Node.isNumericLiteral(expression)) return expression.getLiteralValue();
  if (Node.isTrueLiteral(expression)) return true;
  if (Node.isFalseLiteral(expression)) return false;
  if (Node.isNullLiteral(expression)) return null;
  if (Node.isTemplateExpression(expression)) return template(expression, next);
  if (Node.isPrefixUnaryExpression(expression)) return negative(expression, next);
  if (Node.isParenthesizedExpression(expression) || Node.isAsExpression(expression) || Node.isSatisfiesExpression(expression)) {
    return next(expression.getExpression());
  }
  if (Node.isNonNullExpression(expression) || Node.isTypeAssertion(expression)) return next(expression.getExpression());
  if (Node.isObjectLiteralExpression(expression)) return objectLiteral(expression, next);
  if (Node.isArrayLiteralExpression(expression)) return arrayLiteral(expression, next);
  if (Node.isIdentifier(expression)) return identifier(expression, next);
  if (Node.isPropertyAccessExpression(expression)) return propertyAccess(expression, next);
  if (Node.isNewExpression(expression)) return newUrl(expression, next);
  if (Node.isCallExpression(expression)) return call(expression, next, notes);
  return new Unresolved(expression.getText());
}

/** True when a value holds no `Unresolved` part. */
export function isResolved(value: unknown): boolean {
  if (value instanceof Unresolved) return false;
  if (Array.isArray(value)) return value.every(isResolved);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isResolved);
  return true;
}

/** The unresolved parts of a value, as their source text. */
export function unresolvedParts(value: unknown): string[] {
  if (value instanceof Unresolved) return [value.text];
  if (Array.isArray(value)) return value.flatMap(unresolvedParts);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(unresolvedParts);
  return [];
}

function template(expression: Node, next: (node: Node) => unknown): unknown {
  if (!Node.isTemplateExpression(expression)) return new Unresolved(expression.getText());
  let text = expression.getHead().getLiteralText();
  for (const span of expression.getTemplateSpans()) {
    const value = next(span.getExpression());
    if (typeof value !== 'string' && typeof value !== 'number') return new Unresolved(expression.getText());
    text += String(value) + span.getLiteral().getLiteralText();
  }
  return text;
}

function negative(expression: Node, next: (node: Node) => unknown): unknown {
  if (!Node.isPrefixUnaryExpression(expression)) return new Unresolved(expression.getText());
  const value = next(expression.getOperand());
  return expression.getOperatorToken() === SyntaxKind.MinusToken && typeof value === 'number' ? -value : new Unresolved(expression.getText());
}

function objectLiteral(expression: Node, next: (node: Node) => unknown): unknown {
  if (!Node.isObjectLiteralExpression(expression)) return new Unresolved(expression.getText());
  const result: Record<string, unknown> = {};
  for (const property of expression.getProperties()) {
    if (Node.isPropertyAssignment(property)) {
      const name = propertyName(property.getNameNode(), next);
      if (name === undefined) return new Unresolved(expression.getText());
      result[name] = next(property.getInitializerOrThrow());
    } else if (Node.isShorthandPropertyAssignment(property)) {
      result[property.getName()] = next(property.getNameNode());
    } else if (Node.isSpreadAssignment(property)) {
      const spread = next(property.getExpression());
      if (typeof spread !== 'object' || spread === null || spread instanceof Unresolved) return new Unresolved(expression.getText());
      Object.assign(result, spread);
    } else {
      result[property.getName()] = new Unresolved(property.getText());
    }
  }
  return result;
}

function propertyName(name: Node, next: (node: Node) => unknown): string | undefined {
  if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNumericLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)) return String(name.getLiteralValue());
  if (Node.isComputedPropertyName(name)) {
    const value = next(name.getExpression());
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  }
  return undefined;
}

function arrayLiteral(expression: Node, next: (node: Node) => unknown): unknown {
  if (!Node.isArrayLiteralExpression(expression)) return new Unresolved(expression.getText());
  const result: unknown[] = [];
  for (const element of expression.getElements()) {
    if (Node.isSpreadElement(element)) {
      const spread = next(element.getExpression());
      if (Array.isArray(spread)) result.push(...(spread as unknown[]));
      else result.push(new Unresolved(element.getText()));
    } else {
      result.push(next(element));
    }
  }
  return result;
}

/** A `const` variable's initializer, followed through imports. */
function identifier(expression: Node, next: (node: Node) => unknown): unknown {
  if (!Node.isIdentifier(expression)) return new Unresolved(expression.getText());
  if (expression.getText() === 'undefined') return undefined;
  const declaration = constDeclaration(expression);
  const initializer = declaration?.getInitializer();
  return initializer === undefined ? new Unresolved(expression.getText()) : next(initializer);
}

function constDeclaration(identifier: Node): VariableDeclaration | undefined {
  let symbol = identifier.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol();
  const declaration = symbol?.getValueDeclaration() ?? symbol?.getDeclarations()[0];
  if (!Node.isVariableDeclaration(declaration)) return undefined;
  const list = declaration.getParent();
  return Node.isVariableDeclarationList(list) && list.getDeclarationKind() === 'const' ? declaration : undefined;
}

function propertyAccess(expression: Node, next: (node: Node) => unknown): unknown {
  if (!Node.isPropertyAccessExpression(expression)) return new Unresolved(expression.getText());
  const target = expression.getExpression();
  if (Node.isMetaProperty(target) && expression.getName() === 'url') {
    return pathToFileURL(expression.getSourceFile().getFilePath()).href;
  }
  const object = next(target);
  if (typeof object === 'object' && object !== null && !(object instanceof Unresolved) && !Array.isArray(object)) {
    const value = (object as Record<string, unknown>)[expression.getName()];
    if (value !== undefined) return value;
  }
  return new Unresolved(expression.getText());
}

function newUrl(expression: Node, next: (node: Node) => unknown): unknown {
  if (!Node.isNewExpression(expression) || expression.getExpression().getText() !== 'URL') return new Unresolved(expression.getText());
  const [relative, base] = expression.getArguments().map(next);
  if (typeof relative !== 'string' || (base !== undefined && typeof base !== 'string')) return new Unresolved(expression.getText());
  try {
    return new URL(relative, base).href;
  } catch {
    return new Unresolved(expression.getText());
  }
}

const pathFunctions = new Set(['join', 'resolve']);

function call(expression: Node, next: (node: Node) => unknown, notes: EvaluationNotes): unknown {
  if (!Node.isCallExpression(expression)) return new Unresolved(expression.getText());
  const callee = expression.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const args = expression.getArguments().map(next);
  if (name === 'fileURLToPath' && typeof args[0] === 'string') return fileURLToPath(args[0]);
  if (name === 'dirname' && typeof args[0] === 'string') return path.dirname(args[0]);
  if (pathFunctions.has(name)) return joinPath(expression as Expression, name, args, notes);
  return new Unresolved(expression.getText());
}

/** `path.join`/`path.resolve`; unknown leading parts are taken to be the project root. */
function joinPath(expression: Expression, name: string, args: unknown[], notes: EvaluationNotes): unknown {
  const firstKnown = args.findIndex((arg) => !(arg instanceof Unresolved));
  const known = firstKnown < 0 ? [] : args.slice(firstKnown);
  if (known.length === 0 || !known.every((arg) => typeof arg === 'string')) return new Unresolved(expression.getText());
  const parts = known as string[];
  if (firstKnown === 0) return name === 'resolve' ? path.resolve(...parts) : path.join(...parts);
  const relative = path.join(...parts);
  notes.notes.push(`${expression.getText()} is taken to be ${relative} in the project root`);
  return relative;
}
