import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callerFor, type Caller } from '../access/caller.js';
import type { ApiContext } from './api-context.js';

const callers = new WeakMap<FastifyRequest, Caller>();

/**
 * Makes every route of `scope` require a valid bearer token: the token is verified before the
 * body is read, and the caller (with the tenant administrator table applied) is kept for the handler.
 */
export function requireAuthentication(scope: FastifyInstance, context: ApiContext): void {
  scope.addHook('onRequest', async (request) => {
    const identity = await context.authenticator.authenticate(request.headers.authorization);
    callers.set(request, await callerFor(context.db, identity));
  });
}

/** The authenticated caller of a request under {@link requireAuthentication}. */
export function callerOf(request: FastifyRequest): Caller {
  const caller = callers.get(request);
  if (caller === undefined) throw new Error(`callerOf(): ${request.url} is not behind requireAuthentication().`);
  return caller;
}
