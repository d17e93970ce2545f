/** A class, used as the token for the dependency of its type. Abstract classes work too. */
export type Constructor<T = unknown> = abstract new (...args: never[]) => T;

/**
 * A token for a dependency that has no class of its own: an interface, a primitive setting, or a
 * second instance of a class under a qualifier. Create one with `createToken`.
 */
export class DependencyKey<T> {
  /** Carries the dependency's type for inference; never set at run time. */
  declare readonly __type?: T;
  // Makes the type nominal: a class (which also has a `name`) must not match DependencyKey.
  declare private readonly nominal: never;

  constructor(readonly name: string) {}

  toString(): string {
    return this.name;
  }
}

/** What a job or provider names to receive a dependency: a class or a `DependencyKey`. */
export type Token<T = unknown> = Constructor<T> | DependencyKey<T>;

/** The value type a token stands for. */
export type TokenValue<K> = K extends DependencyKey<infer T> ? T : K extends Constructor<infer T> ? T : never;

/**
 * Creates a named token for a dependency that a class cannot stand for, e.g.
 * `const DatabaseUrl = createToken<string>('DatabaseUrl')`, then `@inject(DatabaseUrl)`.
 * Team rules (`{ "dependency": "DatabaseUrl" }`) refer to it by this name.
 */
export function createToken<T>(name: string): DependencyKey<T> {
  return new DependencyKey<T>(name);
}

/** The name that messages and team rules use for a token: the class name or the key's name. */
export function tokenName(token: Token): string {
  return token instanceof DependencyKey ? token.name : token.name || '(anonymous class)';
}
