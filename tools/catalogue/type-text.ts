import { TypeFormatFlags, type Node, type Type } from 'ts-morph';

const flags = TypeFormatFlags.NoTruncation | TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

/**
 * A type as the source would write it where `at` is: `KeyedData`, not
 * `import("/abs/path/keyed-data").KeyedData`. Messages and the catalogue show types this way.
 */
export function typeText(type: Type, at: Node): string {
  return type.getText(at, flags);
}
