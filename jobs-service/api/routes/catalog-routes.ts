import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAdmin } from '../../access/caller.js';
import { appRepository } from '../../catalog/app-repository.js';
import type { CatalogRepository } from '../../catalog/catalog-repository.js';
import { CatalogConflictError, CatalogDefinitionError, CatalogNotFoundError } from '../../catalog/catalog-errors.js';
import { parseDefinition } from '../../catalog/parse-definition.js';
import { systemRepository } from '../../catalog/system-repository.js';
import type { Queryable } from '../../database/database.js';
import { ServiceError } from '../../errors/service-error.js';
import type { ApiContext } from '../api-context.js';
import { callerOf } from '../authenticate-requests.js';
import { success } from '../envelope.js';

const idParams = z.object({ id: z.string() });

/** The catalogue's own errors as API errors: 409 conflict, 404 missing, 400 with every bad field. */
function asServiceError(error: unknown): unknown {
  if (error instanceof CatalogConflictError) return new ServiceError('JOBS_ALREADY_EXISTS', error.message, { cause: error });
  if (error instanceof CatalogNotFoundError) return new ServiceError('JOBS_NOT_FOUND', error.message, { cause: error });
  if (error instanceof CatalogDefinitionError) {
    return new ServiceError('JOBS_VALIDATION_FAILED', `The definition has ${error.errors.length} problem(s); see result.errors.`, { fieldErrors: error.errors });
  }
  return error;
}

async function catalogCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asServiceError(error);
  }
}

/** One kind of catalogue definition as the routes need it. */
interface CatalogKindRoutes<Definition extends { id: string }, Stored> {
  readonly kind: 'systems' | 'apps';
  readonly noun: string;
  readonly repository: (db: Queryable) => CatalogRepository<Definition, Stored>;
}

function parseBody<Definition>(kind: 'systems' | 'apps', body: unknown): Definition {
  const parsed = parseDefinition(kind, body);
  if (!parsed.ok) {
    throw new ServiceError('JOBS_VALIDATION_FAILED', `The ${kind.slice(0, -1)} definition has ${parsed.errors.length} problem(s); see result.errors.`, {
      fieldErrors: parsed.errors,
    });
  }
  return parsed.definition as Definition;
}

function registerKind<Definition extends { id: string }, Stored>(app: FastifyInstance, context: ApiContext, routes: CatalogKindRoutes<Definition, Stored>): void {
  const { kind, noun, repository } = routes;
  app.get(`/${kind}/v2`, async (request) => {
    const all = await repository(context.db).list(callerOf(request).tenantId);
    return success(`${all.length} ${kind}`, all);
  });

  app.get(`/${kind}/v2/:id`, async (request) => {
    const { id } = idParams.parse(request.params);
    const tenantId = callerOf(request).tenantId;
    const found = await repository(context.db).get(tenantId, id);
    if (found === undefined) throw new ServiceError('JOBS_NOT_FOUND', `Tenant ${tenantId} has no ${noun} '${id}'; GET /${kind}/v2 lists them.`);
    return success(`${noun} ${id}`, found);
  });

  app.post(`/${kind}/v2`, async (request, reply) => {
    const caller = callerOf(request);
    requireAdmin(caller, `define ${kind}`);
    const definition = parseBody<Definition>(kind, request.body);
    const stored = await catalogCall(() => repository(context.db).create(caller.tenantId, definition));
    return reply.code(201).send(success(`${noun} ${definition.id} created`, stored));
  });

  app.put(`/${kind}/v2/:id`, async (request) => {
    const caller = callerOf(request);
    requireAdmin(caller, `change ${kind}`);
    const { id } = idParams.parse(request.params);
    const definition = parseBody<Definition>(kind, request.body);
    if (definition.id !== id) {
      throw new ServiceError('JOBS_VALIDATION_FAILED', `The body defines ${noun} '${definition.id}' but the path names '${id}'.`, {
        fieldErrors: [{ field: 'id', message: `must be '${id}', the id in the path (ids cannot be renamed)` }],
      });
    }
    const stored = await catalogCall(() => repository(context.db).update(caller.tenantId, definition));
    return success(`${noun} ${id} updated`, stored);
  });
}

/**
 * `/systems/v2` and `/apps/v2`: every user of a tenant may list and read its systems and apps;
 * tenant administrators create (POST) and replace (PUT) them.
 */
export function registerCatalogRoutes(app: FastifyInstance, context: ApiContext): void {
  registerKind(app, context, { kind: 'systems', noun: 'system', repository: systemRepository });
  registerKind(app, context, { kind: 'apps', noun: 'app', repository: appRepository });
}
