/** Where in a value structured clone fails, and why. */
export interface UncloneablePart {
  /** e.g. `argument.items[2].callback`. */
  readonly path: string;
  /** e.g. `a function`, `a symbol`, `a Socket`. */
  readonly what: string;
}

/**
 * Finds the first part of `value` that structured clone (postMessage) refuses: a function, a
 * symbol, or an object with internal state such as a stream. Only called after a clone failed,
 * so the search costs nothing on the normal path.
 */
export function findUncloneable(value: unknown, path: string): UncloneablePart | undefined {
  if (typeof value === 'function') return { path, what: 'a function' };
  if (typeof value === 'symbol') return { path, what: 'a symbol' };
  if (typeof value !== 'object' || value === null || isCloneable(value)) return undefined;
  for (const [childPath, child] of children(value, path)) {
    const found = findUncloneable(child, childPath);
    if (found !== undefined) return found;
  }
  return { path, what: `a ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'value'} object` };
}

/** Where a value that failed to clone fails; the whole value when no part can be singled out. */
export function locateUncloneable(value: unknown, path: string): UncloneablePart {
  return findUncloneable(value, path) ?? { path, what: 'a value structured clone refuses' };
}

/** True when structured clone (postMessage) accepts `value`. */
export function isCloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

function children(value: object, path: string): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.map((item, i) => [`${path}[${i}]`, item]);
  if (value instanceof Map) return [...value.entries()].map(([key, item]) => [`${path}.get(${JSON.stringify(key)})`, item]);
  if (value instanceof Set) return [...value].map((item, i) => [`${path} (set item ${i})`, item]);
  return Object.entries(value).map(([key, item]) => [/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`, item]);
}
