import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError, type ServiceErrorCode } from '../errors/service-error.js';
import { failure } from './envelope.js';

/** A client error found by fastify, as the service's stable code and a message that says what to do. */
interface ClientError {
  readonly status: number;
  readonly code: ServiceErrorCode;
  readonly message: string;
}

/** Fastify's own 4xx errors (body parsing and size, bad URLs) with a message that says what to do. */
function fastifyClientError(error: FastifyError, bodyLimitBytes: number): ClientError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'JOBS_UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be JSON: send it with Content-Type: application/json.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'JOBS_BODY_TOO_LARGE', message: `The request body is larger than the limit of ${bodyLimitBytes} bytes.` };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'JOBS_BAD_REQUEST', message: 'The request body is not valid JSON; check it with a JSON validator.' };
    default:
      if (error instanceof SyntaxError) return { status: 400, code: 'JOBS_BAD_REQUEST', message: `The request body is not valid JSON: ${error.message}` };
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return { status: error.statusCode, code: 'JOBS_BAD_REQUEST', message: error.message };
      }
      return undefined;
  }
}

/**
 * Answers every error in the response envelope: service errors with their status, code and field
 * errors; client errors found by fastify with their 4xx; anything else, a bug, with a 500 that
 * reveals nothing and is logged with the request id.
 */
export function installErrorResponses(app: FastifyInstance, bodyLimitBytes: number): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ServiceError || (error as { code?: string }).code === 'JOBS_UNAUTHENTICATED') {
      const status = error instanceof ServiceError ? error.httpStatus : 401;
      if (status === 401) reply.header('www-authenticate', 'Bearer');
      const errors = error instanceof ServiceError ? error.fieldErrors : [];
      return reply.code(status).send(failure(error.message, { code: (error as { code: string }).code, errors }));
    }
    const client = fastifyClientError(error, bodyLimitBytes);
    if (client !== undefined) return reply.code(client.status).send(failure(client.message, { code: client.code, errors: [] }));
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(failure(`The service failed to handle this request (request id ${request.id}); it has been logged.`, null));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(failure(`There is no ${request.method} ${request.url.split('?')[0]}; GET /openapi.json lists the API.`, null)),
  );
}
