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

/** What frame-level escalation routing needs of a node: the runtime's and the static check's fit. */
export interface EscalatingNode<N> {
  readonly escalations: ReadonlyMap<string, N> | undefined;
  readonly flow: { readonly escalations: ReadonlyMap<string, N> | undefined };
}

/**
 * The handler, within the flow it was thrown in, for an escalation with class chain `chain`
 * thrown at `node`: the closest class in the node's table, then in its flow's (not in a flow a job
 * called and awaits: there the escalation rejects the call). A handler never handles what it
 * throws itself: that goes up a level. Undefined: the escalation leaves the flow. The engine
 * routes with it and `jobfloor check` follows declared escalations with it.
 */
export function handlerInFlow<N extends EscalatingNode<N>>(node: N, chain: readonly string[], isCall: boolean): N | undefined {
  const atNode = closestHandler(node.escalations, chain);
  if (atNode !== undefined && atNode !== node) return atNode;
  if (isCall) return undefined;
  const atFlow = closestHandler(node.flow.escalations, chain);
  return atFlow !== undefined && atFlow !== node ? atFlow : undefined;
}

/**
 * Errors are escalated as thrown; a thrown value that is not an object (`throw 'oops'`) is
 * wrapped so that it has a class to be matched by and a stack to be logged with.
 */
export function asEscalation(thrown: unknown): unknown {
  if (typeof thrown === 'object' && thrown !== null) return thrown;
  return new Error(`A job threw a non-error value: ${String(thrown)}`, { cause: thrown });
}
