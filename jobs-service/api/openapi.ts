import { z } from 'zod';
import { appDefinitionSchema } from '../catalog/app-definition.js';
import { systemDefinitionSchema } from '../catalog/system-definition.js';
import { historyQuerySchema } from '../store/job-history.js';
import { listJobsQuerySchema } from '../store/list-jobs.js';
import { submissionRequestSchema } from '../submission/index.js';
import { SERVICE_VERSION } from './envelope.js';
import { jobLogQuerySchema, outputListingQuerySchema } from './routes/output-queries.js';

type JsonSchema = Record<string, unknown>;

/**
 * Named schemas (zod `.meta({ id })`) of the document: zod puts them under `$defs` of each
 * converted schema; OpenAPI wants them once under `components.schemas`, referenced from there.
 */
const namedSchemas: Record<string, JsonSchema> = {};

/** The JSON Schema of what a client sends, from the zod schema that validates it. */
function requestSchema(schema: z.ZodType): JsonSchema {
  const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const { $schema: _ignored, $defs, ...rest } = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  Object.assign(namedSchemas, $defs);
  return rest;
}

/** Each property of a query-string schema as an OpenAPI parameter. */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = requestSchema(schema) as { properties?: Record<string, JsonSchema> };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    description: property['description'],
    schema: { ...property, description: undefined },
  }));
}

const envelope = (result: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  required: ['status', 'message', 'version', 'result'],
  properties: {
    status: { type: 'string', enum: ['success', 'error'] },
    message: { type: 'string' },
    version: { type: 'string' },
    result,
  },
});

const errorResult: JsonSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

function responses(success: number, description: string, ...errors: number[]): JsonSchema {
  const all: Record<string, JsonSchema> = { [success]: { description, content: { 'application/json': { schema: envelope() } } } };
  for (const status of [401, ...errors]) {
    all[status] = { description: `error (${status})`, content: { 'application/json': { schema: envelope(errorResult) } } };
  }
  return all;
}

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: 'The job UUID.' };
const jsonBody = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: requestSchema(schema) } } });

function jobActionPaths(): Record<string, JsonSchema> {
  const action = (summary: string, success = 200) => ({ summary, parameters: [idParameter], responses: responses(success, summary, 404, 409) });
  return {
    '/jobs/v2/{id}/cancel': { post: action('Cancel a job (not ACCEPTED, not terminal)') },
    '/jobs/v2/{id}/kill': { post: action('Alias of cancel') },
    '/jobs/v2/{id}/stop': { post: action('Alias of cancel') },
    '/jobs/v2/{id}/hide': { post: action('Hide a job from listings and history'), delete: action('Hide a job (same as POST)') },
    '/jobs/v2/{id}/unhide': { post: action('Show a hidden job again') },
    '/jobs/v2/{id}/resubmit': { post: action('Submit the same request again as a new job (not ACCEPTED or PENDING)', 202) },
  };
}

/** Outputs and log (docs/jobs-service/api.md, "Outputs and logs"); `{path}` may hold slashes. */
function jobOutputPaths(): Record<string, JsonSchema> {
  const pathParameter = (description: string) => ({ name: 'path', in: 'path', required: true, schema: { type: 'string' }, description });
  const listing = (parameters: JsonSchema[]) => ({
    summary: "List a job's outputs: a directory of its work directory (the root without a path), paged in name order",
    parameters: [idParameter, ...parameters, ...queryParameters(outputListingQuerySchema)],
    responses: responses(200, 'the entries (empty while the job has no work directory)', 400, 404),
  });
  // The 200 of a download is the file, not the envelope; its errors are in the envelope.
  const download = {
    ...responses(200, '', 400, 404),
    200: { description: 'the file, as an attachment', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
  };
  return {
    '/jobs/v2/{id}/outputs/listing': { get: listing([]) },
    '/jobs/v2/{id}/outputs/listing/{path}': { get: listing([pathParameter('A directory (or file) relative to the work directory, slashes included.')]) },
    '/jobs/v2/{id}/outputs/media/{path}': {
      get: { summary: 'Download one output file (not in the envelope)', parameters: [idParameter, pathParameter('A file relative to the work directory, slashes included.')], responses: download },
    },
    '/jobs/v2/{id}/log': {
      get: { summary: "A job's status history and the end of its app's stdout and stderr", parameters: [idParameter, ...queryParameters(jobLogQuerySchema)], responses: responses(200, 'the log', 400, 404) },
    },
  };
}

function catalogPaths(kind: 'systems' | 'apps', schema: z.ZodType): Record<string, JsonSchema> {
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    [`/${kind}/v2`]: {
      get: { summary: `List the tenant's ${kind}`, responses: responses(200, `the ${kind}`) },
      post: { summary: `Define a new one of the tenant's ${kind} (tenant administrators)`, requestBody: jsonBody(schema), responses: responses(201, 'created', 400, 403, 409) },
    },
    [`/${kind}/v2/{id}`]: {
      get: { summary: 'Get one', parameters: [idParam], responses: responses(200, 'found', 404) },
      put: { summary: 'Replace its definition (tenant administrators)', parameters: [idParam], requestBody: jsonBody(schema), responses: responses(200, 'updated', 400, 403, 404) },
    },
  };
}

/** The OpenAPI 3.1 document of the API, generated from the zod schemas that validate requests. */
export function openApiDocument(publicUrl: string): JsonSchema {
  return {
    openapi: '3.1.0',
    info: { title: 'jobfloor jobs service', version: SERVICE_VERSION, description: 'Aloe-style jobs service; every response uses the envelope {status, message, version, result}.' },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    paths: {
      '/jobs/v2': {
        post: { summary: 'Submit a job', requestBody: jsonBody(submissionRequestSchema), responses: responses(202, 'accepted', 400, 413, 415) },
        get: { summary: 'List your visible jobs', parameters: queryParameters(listJobsQuerySchema), responses: responses(200, 'a page of jobs', 400) },
      },
      '/jobs/v2/{id}': { get: { summary: 'Get a job', parameters: [idParameter], responses: responses(200, 'the job', 404) } },
      '/jobs/v2/{id}/status': { get: { summary: "Get a job's status", parameters: [idParameter], responses: responses(200, 'the status', 404) } },
      '/jobs/v2/{id}/history': {
        get: { summary: "A job's status changes", parameters: [idParameter, ...queryParameters(historyQuerySchema)], responses: responses(200, 'the history', 404) },
      },
      ...jobActionPaths(),
      ...jobOutputPaths(),
      ...catalogPaths('systems', systemDefinitionSchema),
      ...catalogPaths('apps', appDefinitionSchema),
      '/health': { get: { summary: 'Health (no token)', security: [], responses: { 200: { description: 'healthy' }, 503: { description: 'database down' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics (no token)', security: [], responses: { 200: { description: 'text exposition format' } } } },
      '/openapi.json': { get: { summary: 'This document (no token)', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
    // After paths: building them collects the named schemas.
    components: { schemas: { ...namedSchemas }, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}
