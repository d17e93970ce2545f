import { Node, TypeFlags, type Symbol as MorphSymbol, type Type } from 'ts-morph';
import { typeText } from '../catalogue/type-text.js';

/** Where in a value's type structured clone fails, and why: `its argument.onDone` is a function. */
export interface UncloneablePart {
  readonly path: string;
  readonly reason: string;
}

/** Built-in classes that structured clone copies faithfully (the HTML structured clone algorithm). */
const cloneableClasses = new Set([
  'Date', 'RegExp', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Blob', 'File',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
]);
/** Collections whose contents are cloned: their type arguments must be cloneable. */
const cloneableCollections = new Set(['Array', 'ReadonlyArray', 'Map', 'ReadonlyMap', 'Set', 'ReadonlySet']);

const MAX_DEPTH = 8;

/**
 * The first part of a type that a value crossing to a worker thread could not keep: a function, a
 * symbol, or an object with methods (a class instance arrives as a plain object without them, an
 * object with function properties cannot be cloned at all). Read from the type, so it holds for
 * every value of the type; `any` and `unknown` say nothing and pass.
 */
export function uncloneablePart(type: Type, at: Node, path: string): UncloneablePart | undefined {
  return new CloneWalk(at).part(type, path, 0);
}

class CloneWalk {
  readonly #seen = new Set<Type>();

  constructor(readonly at: Node) {}

  part(type: Type, path: string, depth: number): UncloneablePart | undefined {
    if (depth > MAX_DEPTH || this.#seen.has(type)) return undefined;
    this.#seen.add(type);
    if (type.isAny() || type.isUnknown() || type.isNever()) return undefined;
    if (type.isUnion()) return this.#first(type.getUnionTypes(), path, depth);
    if (type.isIntersection()) return this.#first(type.getIntersectionTypes(), path, depth);
    if (has(type, TypeFlags.ESSymbolLike)) return { path, reason: 'is a symbol' };
    if (isPrimitive(type)) return undefined;
    if (type.isTypeParameter()) {
      const constraint = type.getConstraint();
      return constraint === undefined ? undefined : this.part(constraint, path, depth);
    }
    if (type.getCallSignatures().length > 0) return { path, reason: `is a function (${typeText(type, this.at)})` };
    if (type.isArray() || type.isTuple()) return this.#first(type.isArray() ? [type.getArrayElementTypeOrThrow()] : type.getTupleElements(), `${path}[]`, depth);
    return this.#object(type, path, depth);
  }

  #object(type: Type, path: string, depth: number): UncloneablePart | undefined {
    const name = type.getSymbol()?.getName() ?? '';
    if (cloneableClasses.has(name)) return undefined;
    if (cloneableCollections.has(name)) return this.#first(type.getTypeArguments(), `${path}<>`, depth);
    const methods = type.getProperties().filter((property) => isMethod(property));
    if (methods.length > 0) {
      const listed = methods.slice(0, 3).map((method) => (isAccessor(method) ? `get ${method.getName()}` : `${method.getName()}()`)).join(', ');
      return { path, reason: `is ${typeText(type, this.at)}, an object with methods (${listed}) that a clone loses` };
    }
    for (const property of type.getProperties()) {
      const found = this.part(property.getTypeAtLocation(this.at), `${path}.${property.getName()}`, depth + 1);
      if (found !== undefined) return found;
    }
    const index = type.getStringIndexType() ?? type.getNumberIndexType();
    return index === undefined ? undefined : this.part(index, `${path}[key]`, depth + 1);
  }

  #first(types: readonly Type[], path: string, depth: number): UncloneablePart | undefined {
    for (const member of types) {
      const found = this.part(member, path, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

/** A method, an accessor (its value lives on the prototype) or a function-valued property. */
function isMethod(property: MorphSymbol): boolean {
  return property
    .getDeclarations()
    .some(
      (declaration) =>
        Node.isMethodDeclaration(declaration) ||
        Node.isMethodSignature(declaration) ||
        Node.isGetAccessorDeclaration(declaration) ||
        Node.isSetAccessorDeclaration(declaration),
    );
}

function isAccessor(property: MorphSymbol): boolean {
  return property.getDeclarations().some((declaration) => Node.isGetAccessorDeclaration(declaration) || Node.isSetAccessorDeclaration(declaration));
}

function has(type: Type, flags: TypeFlags): boolean {
  return (type.getFlags() & flags) !== 0;
}

/** Strings, numbers, booleans, bigints, enums, their literals, null and undefined: cloned as they are. */
function isPrimitive(type: Type): boolean {
  const primitive = TypeFlags.StringLike | TypeFlags.NumberLike | TypeFlags.BooleanLike | TypeFlags.BigIntLike | TypeFlags.EnumLike;
  return has(type, primitive | TypeFlags.Null | TypeFlags.Undefined | TypeFlags.Void);
}
