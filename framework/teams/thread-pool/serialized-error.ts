import { ESCALATION_CHAIN, escalationChain } from '../../engine/escalation.js';
import { isCloneable } from './clone-check.js';

/**
 * An error as plain data, to cross a thread boundary: its class names (closest first), code,
 * message, stack and own enumerable properties that can be cloned. Escalations are matched by
 * `chain`, so a rebuilt error is handled exactly as the original would have been.
 */
export interface SerializedError {
  readonly chain: readonly string[];
  readonly message: string;
  readonly stack: string | undefined;
  readonly code: unknown;
  readonly details: Readonly<Record<string, unknown>>;
  readonly cause: SerializedError | undefined;
}

/** Marks an argument that is an error, so that the receiving thread rebuilds it. */
export const ENCODED_ERROR = '__jobfloorError';

/** An error (or any thrown value) as plain, cloneable data. */
export function serializeError(thrown: unknown): SerializedError {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  const { message, stack } = error;
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'code' && key !== 'cause' && isCloneable(value)) details[key] = value;
  }
  const cause = error.cause === undefined ? undefined : serializeError(error.cause);
  return { chain: escalationChain(error), message, stack, code: (error as { code?: unknown }).code, details, cause };
}

/**
 * Rebuilds an error from its data. It is an `Error` whose name is its original class name and
 * which carries the class names for matching; code relying on `instanceof` would not see the
 * original class, which is why escalations match by name.
 */
export function rebuildError(data: SerializedError): Error {
  const error = new Error(data.message, data.cause === undefined ? undefined : { cause: rebuildError(data.cause) });
  Object.assign(error, data.details);
  Object.defineProperties(error, {
    name: { value: data.chain[0] ?? 'Error', configurable: true, writable: true },
    stack: { value: data.stack, configurable: true, writable: true },
    [ESCALATION_CHAIN]: { value: data.chain },
  });
  if (data.code !== undefined) (error as { code?: unknown }).code = data.code;
  return error;
}

/** An argument ready to cross: errors as data, anything else as it is. */
export function encodeArgument(argument: unknown): unknown {
  return argument instanceof Error ? { [ENCODED_ERROR]: serializeError(argument) } : argument;
}

/** The inverse of `encodeArgument`. */
export function decodeArgument(argument: unknown): unknown {
  const encoded = (argument as { [ENCODED_ERROR]?: SerializedError } | null)?.[ENCODED_ERROR];
  return encoded === undefined ? argument : rebuildError(encoded);
}
