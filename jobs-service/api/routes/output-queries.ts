/**
 * The query strings of the outputs and log routes (issue 5, "Storage"). One zod schema each gives
 * the validation, the defaults and the OpenAPI parameters (openapi.ts converts them).
 */
import { z } from 'zod';

/** Bytes of each of stdout and stderr that `GET /jobs/v2/{id}/log` returns unless told otherwise: 64 KiB. */
export const DEFAULT_LOG_TAIL_BYTES = 64 * 1024;

/**
 * The most bytes of each stream one log request may ask for: 1 MiB. Both streams are read into
 * memory and sent as JSON, so the bound keeps one request from pinning tens of megabytes.
 */
export const MAX_LOG_TAIL_BYTES = 1024 * 1024;

/** The query string of `GET /jobs/v2/{id}/outputs/listing[/{path}]`. */
export const outputListingQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Entries per page (1 to 1000).'),
  offset: z.coerce.number().int().min(0).default(0).describe('Entries to skip, in name order.'),
});

/** The query string of `GET /jobs/v2/{id}/log`. */
export const jobLogQuerySchema = z.strictObject({
  tail: z.coerce.number().int().min(0).max(MAX_LOG_TAIL_BYTES).default(DEFAULT_LOG_TAIL_BYTES)
    .describe(`The last bytes of stdout and of stderr to return, each (0 to ${MAX_LOG_TAIL_BYTES}; default ${DEFAULT_LOG_TAIL_BYTES}).`),
});

export type OutputListingQuery = z.output<typeof outputListingQuerySchema>;
export type JobLogQuery = z.output<typeof jobLogQuerySchema>;
