import { Node, type Symbol as MorphSymbol, type VariableDeclaration } from 'ts-morph';
import type { StaticToken } from './catalogue-model.js';

/**
 * Dependency tokens read from source, one object per declaration: a class token is its class
 * declaration, a key is the `const X = createToken<T>('Name')` that made it. `provide(X, ...)`,
 * `dependsOn: [X]`, `@inject(X)` and a parameter typed `X` therefore meet on the same token, as
 * they meet on the same class or key object at run time.
 */
export class StaticTokens {
  readonly #byDeclaration = new Map<Node, StaticToken>();
  readonly #unfollowed = new Map<string, StaticToken>();

  /** The token an expression names (`Cache`, `pg.Pool`, `DatabaseUrl`). */
  fromExpression(expression: Node): StaticToken {
    const symbol = resolvedSymbol(expression);
    const declaration = symbol?.getValueDeclaration() ?? symbol?.getDeclarations()[0];
    if (symbol === undefined || declaration === undefined) return this.#unfollowedToken(expression.getText());
    if (Node.isVariableDeclaration(declaration)) {
      const key = createTokenName(declaration);
      if (key !== undefined) return this.#intern(declaration, key, 'key');
    }
    return this.#intern(classDeclarationOf(symbol) ?? declaration, symbol.getName(), 'class');
  }

  /** The class token of a type written as a class name (a job parameter `cache: Cache`). */
  fromClassSymbol(symbol: MorphSymbol): StaticToken {
    const declaration = classDeclarationOf(symbol) ?? symbol.getDeclarations()[0];
    return declaration === undefined ? this.#unfollowedToken(symbol.getName()) : this.#intern(declaration, symbol.getName(), 'class');
  }

  #intern(declaration: Node, name: string, kind: StaticToken['kind']): StaticToken {
    let token = this.#byDeclaration.get(declaration);
    if (token === undefined) {
      token = { name, kind, declaration };
      this.#byDeclaration.set(declaration, token);
    }
    return token;
  }

  /** A token whose declaration cannot be found is known by its text, so that its uses still meet. */
  #unfollowedToken(text: string): StaticToken {
    let token = this.#unfollowed.get(text);
    if (token === undefined) {
      token = { name: text, kind: 'class', declaration: undefined };
      this.#unfollowed.set(text, token);
    }
    return token;
  }
}

/** The symbol an expression refers to, through imports. */
export function resolvedSymbol(node: Node): MorphSymbol | undefined {
  const symbol = node.getSymbol();
  return symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
}

/** The class declaration of a symbol (a class, or a `declare class` of a .d.ts), if it is one. */
export function classDeclarationOf(symbol: MorphSymbol): Node | undefined {
  return symbol.getDeclarations().find((declaration) => Node.isClassDeclaration(declaration));
}

/** `'Name'` of `const X = createToken<T>('Name')`. */
function createTokenName(declaration: VariableDeclaration): string | undefined {
  const initializer = declaration.getInitializer();
  if (!Node.isCallExpression(initializer)) return undefined;
  const callee = initializer.getExpression();
  const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
  const [first] = initializer.getArguments();
  if (name !== 'createToken' || first === undefined) return undefined;
  return Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first) ? first.getLiteralValue() : undefined;
}
