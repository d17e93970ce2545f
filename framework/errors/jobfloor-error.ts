import type { ErrorCode } from './error-codes.js';

/**
 * The base of every error the framework raises. `code` is stable (see `docs/errors.md`);
 * programs route on it or on the class name, never on the message text.
 */
export class JobfloorError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The class name, so that subclasses print and match as themselves. */
  override get name(): string {
    return this.constructor.name;
  }
}
