import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApiContext } from './api-context.js';
import { requireAuthentication } from './authenticate-requests.js';
import { installErrorResponses } from './error-responses.js';
import { registerCatalogRoutes } from './routes/catalog-routes.js';
import { registerJobActionRoutes } from './routes/job-action-routes.js';
import { registerJobOutputRoutes } from './routes/job-output-routes.js';
import { registerJobRoutes } from './routes/job-routes.js';
import { registerPublicRoutes } from './routes/public-routes.js';

/**
 * JSON bodies only. An empty body is allowed (actions such as cancel carry none, and clients often
 * still send the JSON content type); anything else goes through fastify's JSON parser, which
 * refuses prototype poisoning.
 */
function acceptJsonOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) {
      done(null, undefined);
      return;
    }
    // The parser reports through `done`; its declared return type is loose.
    void parseJson(request, body as string, done);
  });
}

/** Observes every response in the HTTP histogram, labelled by route pattern (not raw URL). */
function measureRequests(app: FastifyInstance, context: ApiContext): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    context.metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

/**
 * The REST API of the jobs service (fastify): JSON only, one response envelope, a body size
 * limit, `/health`, `/metrics` and `/openapi.json` open, everything else behind a bearer token.
 */
export async function createApi(context: ApiContext): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is fastify's logger; only the declared generic types differ.
    loggerInstance: context.logger as FastifyBaseLogger,
    // Requests are measured by the metrics hook and errors logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: context.bodyLimitBytes,
    // Long path parameters reach the routes, which answer a 404 in the envelope rather than a bare 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1024 },
    return503OnClosing: true,
  });
  acceptJsonOnly(app);
  installErrorResponses(app, context.bodyLimitBytes);
  measureRequests(app, context);
  registerPublicRoutes(app, context);
  await app.register(async (scope) => {
    requireAuthentication(scope, context);
    registerJobRoutes(scope, context);
    registerJobActionRoutes(scope, context);
    registerJobOutputRoutes(scope, context);
    registerCatalogRoutes(scope, context);
  });
  await app.ready();
  return app;
}
