import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ServiceError } from '../../errors/service-error.js';
import { submitJob } from '../../intake/submit-job.js';
import { findJob } from '../../store/find-job.js';
import { historyQuerySchema, jobHistory } from '../../store/job-history.js';
import { acceptedRepresentation, jobRepresentation } from '../../store/job-representation.js';
import { listJobs, listJobsQuerySchema } from '../../store/list-jobs.js';
import type { ApiContext } from '../api-context.js';
import { callerOf } from '../authenticate-requests.js';
import { success } from '../envelope.js';
import { parseRequestPart } from '../parse-request.js';

const idParams = z.object({ id: z.string() });

/** Seed 002 requires JSON submissions; anything else is refused before it is read. */
function requireJson(request: FastifyRequest): void {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ServiceError(
      'JOBS_UNSUPPORTED_MEDIA_TYPE',
      `A job submission must be sent with Content-Type: application/json${type ? `, not ${type}` : ''}.`,
    );
  }
}

/** `POST /jobs/v2` and the read routes of jobs. */
export function registerJobRoutes(app: FastifyInstance, context: ApiContext): void {
  app.post('/jobs/v2', async (request, reply) => {
    requireJson(request);
    const accepted = await submitJob(context.db, callerOf(request), request.body);
    context.metrics.submissionsAccepted.inc({ tenant: accepted.job.tenantId });
    const job = acceptedRepresentation(context, accepted);
    return reply.code(202).header('location', job._links.self.href)
      .send(success(`Job ${accepted.uuid} accepted; it is recorded as PENDING shortly.`, job));
  });

  app.get('/jobs/v2', async (request) => {
    const query = parseRequestPart(listJobsQuerySchema, request.query, 'query string');
    const page = await listJobs(context.db, callerOf(request), query);
    const jobs = page.jobs.map((row) => jobRepresentation(context, row));
    return success(`${jobs.length} job${jobs.length === 1 ? '' : 's'}`, { jobs, limit: query.limit, offset: query.offset ?? 0, nextCursor: page.nextCursor });
  });

  app.get('/jobs/v2/:id', async (request) => {
    const { id } = idParams.parse(request.params);
    const found = await findJob(context.db, callerOf(request), id);
    if (found.state === 'accepted') {
      return success(`Job ${id} is ACCEPTED and not recorded yet`, acceptedRepresentation(context, found));
    }
    return success(`Job ${id}`, jobRepresentation(context, found.row));
  });

  app.get('/jobs/v2/:id/status', async (request) => {
    const { id } = idParams.parse(request.params);
    const found = await findJob(context.db, callerOf(request), id);
    const job = found.state === 'accepted' ? acceptedRepresentation(context, found) : jobRepresentation(context, found.row);
    const { status, lastStatusMessage, lastUpdated, ended, blockedCount, cancelRequested, _links } = job;
    return success(`Job ${id} is ${status}`, { id, status, lastStatusMessage, lastUpdated, ended, blockedCount, cancelRequested, _links });
  });

  app.get('/jobs/v2/:id/history', async (request) => {
    const { id } = idParams.parse(request.params);
    const page = parseRequestPart(historyQuerySchema, request.query, 'query string');
    const history = await jobHistory(context.db, callerOf(request), id, page);
    return success(`${history.length} status change${history.length === 1 ? '' : 's'} of job ${id}`, history);
  });
}
