import { Node, SyntaxKind, type Decorator, type ParameterDeclaration, type TypeNode } from 'ts-morph';
import type { DeclaredRole, ParameterFacts, ParameterTypeFact } from '../../framework/jobs/parameter-roles.js';
import type { StaticToken } from './catalogue-model.js';
import { evaluate } from './static-value.js';
import { classDeclarationOf, resolvedSymbol, type StaticTokens } from './static-tokens.js';

/**
 * What the source says of a job parameter, in the terms the office's start-up decides with
 * (`resolveParameterRoles`): its decorator, and what tsc's `emitDecoratorMetadata` would record
 * for its type: a class, `JobContext`, or no class (an interface, a union, a primitive, a class
 * imported with `import type`).
 */
export function parameterFacts(parameter: ParameterDeclaration, tokens: StaticTokens): ParameterFacts<StaticToken> {
  return { declared: declaredRole(parameter, tokens), type: typeFact(parameter.getTypeNode(), tokens) };
}

/** The framework decorator of a parameter: `@param()`, `@flows()` or `@inject()`. */
export function frameworkDecorator(parameter: ParameterDeclaration, name: 'param' | 'flows' | 'inject'): Decorator | undefined {
  return parameter.getDecorators().find((decorator) => decoratorName(decorator) === name);
}

/** A decorator's name as declared, through an import alias (`import { job as jobOf }`). */
export function decoratorName(decorator: Decorator): string {
  const expression = decorator.getCallExpression()?.getExpression() ?? decorator.getExpression();
  const identifier = Node.isPropertyAccessExpression(expression) ? expression.getNameNode() : expression;
  return resolvedSymbol(identifier)?.getName() ?? decorator.getName();
}

/** The flow methods a `@flows<I>('a', 'b')` decorator lists. */
export function listedFlowMethods(decorator: Decorator): string[] {
  return decorator.getArguments().flatMap((argument) => {
    const value = evaluate(argument, { notes: [] });
    return typeof value === 'string' ? [value] : [];
  });
}

function declaredRole(parameter: ParameterDeclaration, tokens: StaticTokens): DeclaredRole<StaticToken> | undefined {
  // The runtime applies decorators bottom-up, and a parameter has at most one that matters.
  if (frameworkDecorator(parameter, 'param') !== undefined) return { role: 'param' };
  const flows = frameworkDecorator(parameter, 'flows');
  if (flows !== undefined) return { role: 'flows', methods: listedFlowMethods(flows) };
  const inject = frameworkDecorator(parameter, 'inject');
  const token = inject?.getArguments()[0];
  if (token !== undefined) return { role: 'inject', token: tokens.fromExpression(token) };
  return undefined;
}

/** What `design:paramtypes` holds for a parameter's type annotation, as tsc serializes it. */
function typeFact(typeNode: TypeNode | undefined, tokens: StaticTokens): ParameterTypeFact<StaticToken> {
  if (typeNode === undefined) return { kind: 'no-class' };
  if (Node.isParenthesizedTypeNode(typeNode)) return typeFact(typeNode.getTypeNode(), tokens);
  if (Node.isUnionTypeNode(typeNode)) {
    // tsc leaves out null and undefined; a union of one remaining type is that type.
    const members = typeNode.getTypeNodes().filter((member) => !isNullish(member));
    return members.length === 1 ? typeFact(members[0], tokens) : { kind: 'no-class' };
  }
  if (!Node.isTypeReference(typeNode)) return { kind: 'no-class' };
  const name = typeNode.getTypeName();
  const symbol = resolvedSymbol(name);
  const declaration = symbol === undefined ? undefined : classDeclarationOf(symbol);
  if (symbol === undefined || declaration === undefined || isTypeOnlyImport(name)) return { kind: 'no-class' };
  if (isJobContext(declaration)) return { kind: 'context' };
  return { kind: 'class', token: tokens.fromClassSymbol(symbol) };
}

function isNullish(typeNode: TypeNode): boolean {
  const text = typeNode.getText();
  return text === 'null' || text === 'undefined' || text === 'never';
}

/** The framework's `JobContext` class, from its source or its compiled declarations. */
export function isJobContext(declaration: Node): boolean {
  return (
    Node.isClassDeclaration(declaration) &&
    declaration.getName() === 'JobContext' &&
    /[\\/]jobs[\\/]job-context\.(d\.)?ts$/.test(declaration.getSourceFile().getFilePath())
  );
}

/** `import type { X }`, `import { type X }`, or `import type pg` for `pg.X`: no value at run time. */
function isTypeOnlyImport(name: Node): boolean {
  const leftmost = Node.isQualifiedName(name) ? leftmostIdentifier(name) : name;
  const declaration = leftmost.getSymbol()?.getDeclarations()[0];
  if (Node.isImportSpecifier(declaration)) return declaration.isTypeOnly() || declaration.getImportDeclaration().isTypeOnly();
  if (Node.isImportClause(declaration)) return declaration.isTypeOnly();
  if (Node.isNamespaceImport(declaration)) return declaration.getFirstAncestorByKindOrThrow(SyntaxKind.ImportDeclaration).isTypeOnly();
  return false;
}

function leftmostIdentifier(name: Node): Node {
  return Node.isQualifiedName(name) ? leftmostIdentifier(name.getLeft()) : name;
}
