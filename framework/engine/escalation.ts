/**
 * Set on an error rebuilt from data (an error that crossed a thread boundary): its class names,
 * closest first. Matching uses it instead of the prototype chain the rebuilt object lacks.
 */
export const ESCALATION_CHAIN: unique symbol = Symbol.for('jobfloor.escalationChain');

/**
 * The class names of an error, closest first: `['SqlError', 'DatabaseError', 'Error']`.
 * Escalations are matched by these names, so matching works the same for errors from any thread.
 */
export function escalationChain(error: unknown): readonly string[] {
  if (typeof error !== 'object' || error === null) return [];
  const carried = (error as { [ESCALATION_CHAIN]?: unknown })[ESCALATION_CHAIN];
  if (Array.isArray(carried)) return carried as string[];
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(error) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string' && name !== '') names.push(name);
  }
  return names;
}

/**
 * The handler a table holds for the closest class of the error's chain, if any: with handlers
 * for `DatabaseError` and `Error`, an `SqlError extends DatabaseError` goes to `DatabaseError`'s.
 */
export function closestHandler<H>(table: ReadonlyMap<string, H> | undefined, chain: readonly string[]): H | undefined {
  if (table === undefined) return undefined;
  for (const name of chain) {
    const handler = table.get(name);
    if (handler !== undefined) return handler;
  }
  return undefined;
}

/**
 * Errors are escalated as thrown; a thrown value that is not an object (`throw 'oops'`) is
 * wrapped so that it has a class to be matched by and a stack to be logged with.
 */
export function asEscalation(thrown: unknown): unknown {
  if (typeof thrown === 'object' && thrown !== null) return thrown;
  return new Error(`A job threw a non-error value: ${String(thrown)}`, { cause: thrown });
}
