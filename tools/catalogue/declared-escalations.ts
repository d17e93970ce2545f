import { Node, type ClassDeclaration, type MethodDeclaration, type ObjectLiteralExpression } from 'ts-morph';
import type { DeclaredEscalation } from './catalogue-model.js';
import { classDeclarationOf, resolvedSymbol } from './static-tokens.js';

/**
 * The escalations a job declares: the classes of `@job({ throws: [...] })` and the `@throws
 * {Class}` tags of its JSDoc. The runtime routes whatever is thrown; `jobfloor check` uses these
 * to make sure each one has a handler, and that the handler takes it.
 */
export function declaredEscalations(method: MethodDeclaration, options: ObjectLiteralExpression | undefined): DeclaredEscalation[] {
  const declared = [...fromDecorator(options), ...fromJsDoc(method)];
  return declared.filter((escalation, index) => declared.findIndex((other) => other.className === escalation.className) === index);
}

function fromDecorator(options: ObjectLiteralExpression | undefined): DeclaredEscalation[] {
  const property = options?.getProperty('throws');
  const list = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  if (!Node.isArrayLiteralExpression(list)) return [];
  return list.getElements().map((element) => fromClassReference(element, '@job'));
}

function fromJsDoc(method: MethodDeclaration): DeclaredEscalation[] {
  return method
    .getJsDocs()
    .flatMap((doc) => doc.getTags())
    .filter((tag) => Node.isJSDocThrowsTag(tag))
    .flatMap((tag) => {
      const typeNode = tag.getTypeExpression()?.getTypeNode();
      if (typeNode === undefined) return [];
      const name = Node.isTypeReference(typeNode) ? typeNode.getTypeName() : typeNode;
      return [fromClassReference(name, '@throws')];
    });
}

/** An escalation from an expression or type name that should name an error class. */
function fromClassReference(reference: Node, source: DeclaredEscalation['source']): DeclaredEscalation {
  const symbol = resolvedSymbol(reference);
  const declaration = symbol === undefined ? undefined : classDeclarationOf(symbol);
  if (!Node.isClassDeclaration(declaration)) {
    // A class the source cannot resolve (a JSDoc name that is not imported) is still matched by name.
    const name = symbol?.getName() ?? lastName(reference.getText());
    return { className: name, type: undefined, chain: [name], classes: new Map(), source };
  }
  const { chain, classes } = classChain(declaration);
  return { className: chain[0]!, type: declaration.getType(), chain, classes, source };
}

/**
 * The class names from a class up its base classes, as the runtime's `escalationChain` finds
 * them on the prototype chain: `['SqlError', 'DatabaseError', 'Error']`. The global `Error`
 * classes are interfaces in lib.d.ts, so the chain ends with the name its last class extends.
 */
export function classChain(declaration: ClassDeclaration): { chain: string[]; classes: Map<string, ClassDeclaration> } {
  const classes = new Map<string, ClassDeclaration>();
  const chain: string[] = [];
  for (let current: ClassDeclaration | undefined = declaration; current !== undefined; ) {
    const name = current.getName() ?? '(anonymous class)';
    if (classes.has(name)) break;
    chain.push(name);
    classes.set(name, current);
    const base = current.getBaseClass();
    if (base === undefined) {
      const extended = current.getExtends()?.getExpression();
      if (extended !== undefined) chain.push(resolvedSymbol(extended)?.getName() ?? lastName(extended.getText()));
    }
    current = base;
  }
  return { chain, classes };
}

function lastName(text: string): string {
  return text.split('.').at(-1) ?? text;
}
