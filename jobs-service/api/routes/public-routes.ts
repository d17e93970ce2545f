import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../api-context.js';
import { success } from '../envelope.js';
import { openApiDocument } from '../openapi.js';

/** The routes that need no token: health, Prometheus metrics and the OpenAPI document. */
export function registerPublicRoutes(app: FastifyInstance, context: ApiContext): void {
  app.get('/health', async (_request, reply) => {
    try {
      await context.db.query('SELECT 1');
      return success('healthy', { database: context.db.engine, healthy: true });
    } catch (error) {
      context.logger.warn({ err: error }, 'health check: the database does not answer');
      return reply.code(503).send({ ...success('the database does not answer', { database: context.db.engine, healthy: false }), status: 'error' });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await context.metrics.text();
    return reply.type(context.metrics.registry.contentType).send(text);
  });

  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/openapi.json', async () => (document ??= openApiDocument(context.publicUrl)));
}
