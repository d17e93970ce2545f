/**
 * Browsing what a job produced (issue 5, "Storage"): `GET /jobs/v2/{id}/outputs/listing[/{path}]`
 * lists its work directory, `GET /jobs/v2/{id}/outputs/media/{path}` downloads one file, and
 * `GET /jobs/v2/{id}/log` returns its status history with the end of the app's stdout and stderr.
 * Paths are confined to the work directory by the storage block; its bookkeeping folder is hidden.
 * docs/jobs-service/api.md ("Outputs and logs") describes the answers.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listOutputs, openOutput, type OutputEntry } from '../../storage/index.js';
import { jobHistory } from '../../store/job-history.js';
import type { LinkBase } from '../../store/job-representation.js';
import type { ApiContext } from '../api-context.js';
import { callerOf } from '../authenticate-requests.js';
import { success } from '../envelope.js';
import { parseRequestPart } from '../parse-request.js';
import { emptyTail, readLogTail } from './log-tail.js';
import { downloadBody, downloadHeaders } from './output-download.js';
import { checkOutputPath, missingFilePath, outputFailure, type OutputRequest } from './output-errors.js';
import { findOutputsJob, noWorkDirectory, type OutputsJob } from './output-job.js';
import { jobLogQuerySchema, outputListingQuerySchema } from './output-queries.js';

/** `*` is fastify's name for the rest of the URL after a wildcard route's prefix, already decoded. */
const outputParams = z.object({ id: z.string(), '*': z.string().default('') });

/**
 * More status changes than a job makes (one per state it passes, plus a few retries); the log
 * returns them all in practice, and `GET /jobs/v2/{id}/history` pages through any beyond.
 */
const LOG_HISTORY_LIMIT = 1000;

/** `path` without trailing slashes: `results/` and `results` are the same directory. */
function trimmed(path: string): string {
  return path.replace(/\/+$/, '');
}

/** `path` as URL path segments, each percent-encoded. */
function encodedPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A listing entry with the link that fetches it: its download, or its own listing. */
function entryRepresentation(base: LinkBase, jobId: string, entry: OutputEntry) {
  const kind = entry.type === 'file' ? 'media' : 'listing';
  return { ...entry, _links: { self: { href: `${base.publicUrl}/jobs/v2/${jobId}/outputs/${kind}/${encodedPath(entry.path)}` } } };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Lists the work directory of `job`, or a directory in it; a job without one has an empty root. */
async function listing(context: ApiContext, job: OutputsJob, request: OutputRequest, page: z.output<typeof outputListingQuerySchema>) {
  const where = request.path === '' ? 'the work directory' : `'${request.path}'`;
  const result = (entries: OutputEntry[]) => ({ path: request.path, entries: entries.map((entry) => entryRepresentation(context, job.id, entry)), ...page });
  if (job.workDir === undefined) {
    // The outputs link of every job leads here; before staging it says "nothing yet", not 404.
    if (request.path === '') return success(`Job ${job.id} is ${job.status} and has no outputs yet: its work directory is made when the job is staged.`, result([]));
    throw noWorkDirectory(job);
  }
  const entries = await listOutputs(job.workDir, request.path, page).catch((error: unknown) => Promise.reject(outputFailure(error, request)));
  return success(`${plural(entries.length, 'entry', 'entries')} in ${where} of job ${job.id}`, result(entries));
}

/** The routes of a job's outputs and log. */
export function registerJobOutputRoutes(app: FastifyInstance, context: ApiContext): void {
  const listingHandler = async (request: FastifyRequest) => {
    const { id, '*': path } = outputParams.parse(request.params);
    const output = { jobId: id, path: trimmed(path) };
    checkOutputPath(output);
    const page = parseRequestPart(outputListingQuerySchema, request.query, 'query string');
    return listing(context, await findOutputsJob(context.db, callerOf(request), id), output, page);
  };
  app.get('/jobs/v2/:id/outputs/listing', listingHandler);
  app.get('/jobs/v2/:id/outputs/listing/*', listingHandler);

  // Without a path there is nothing to download; answered here rather than by the not-found handler, to say what to give.
  app.get('/jobs/v2/:id/outputs/media', async (request) => {
    throw missingFilePath(outputParams.parse(request.params).id);
  });
  app.get('/jobs/v2/:id/outputs/media/*', async (request, reply) => {
    const { id, '*': path } = outputParams.parse(request.params);
    const output = { jobId: id, path };
    checkOutputPath(output);
    if (trimmed(path) === '') throw missingFilePath(id);
    const job = await findOutputsJob(context.db, callerOf(request), id);
    if (job.workDir === undefined) throw noWorkDirectory(job);
    const opened = await openOutput(job.workDir, path).catch((error: unknown) => Promise.reject(outputFailure(error, output)));
    // Not the envelope: the answer is the file itself.
    return reply.headers(downloadHeaders(opened)).send(downloadBody(opened));
  });

  app.get('/jobs/v2/:id/log', async (request) => {
    const { id } = outputParams.parse(request.params);
    const { tail } = parseRequestPart(jobLogQuerySchema, request.query, 'query string');
    const caller = callerOf(request);
    const job = await findOutputsJob(context.db, caller, id);
    const history = await jobHistory(context.db, caller, id, { limit: LOG_HISTORY_LIMIT, offset: 0 });
    const [stdout, stderr] = job.workDir === undefined
      ? [emptyTail, emptyTail]
      : await Promise.all([readLogTail(job.workDir, 'stdout', tail), readLogTail(job.workDir, 'stderr', tail)]);
    const message = `Log of job ${id} (${job.status}): ${plural(history.length, 'status change', 'status changes')}, ${stdout.size} bytes of stdout, ${stderr.size} of stderr`;
    return success(message, { id, status: job.status, history, stdout, stderr, tail });
  });
}
