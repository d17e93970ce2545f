import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ServiceError } from '../../errors/service-error.js';
import { submitJob } from '../../intake/submit-job.js';
import type { JobStatus } from '../../model/job-status.js';
import { cancelJob } from '../../store/cancel-job.js';
import { findRecordedJob } from '../../store/find-job.js';
import { acceptedRepresentation } from '../../store/job-representation.js';
import { setVisibility } from '../../store/set-visibility.js';
import type { ApiContext } from '../api-context.js';
import { callerOf } from '../authenticate-requests.js';
import { success } from '../envelope.js';

const idParams = z.object({ id: z.string() });

/** States from which seed 002 does not allow a resubmit. */
const notResubmittable: ReadonlySet<JobStatus> = new Set(['ACCEPTED', 'PENDING']);

/** Seed 002's job actions: cancel (kill, stop), hide, unhide, resubmit. A refused action is a 409 that says why. */
export function registerJobActionRoutes(app: FastifyInstance, context: ApiContext): void {
  for (const action of ['cancel', 'kill', 'stop']) {
    app.post(`/jobs/v2/:id/${action}`, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const outcome = await cancelJob(context.db, callerOf(request), id);
      return reply.code(outcome.stopped ? 200 : 202).send(success(outcome.message, outcome));
    });
  }

  const hide = async (id: string, caller: ReturnType<typeof callerOf>) => {
    const { changed } = await setVisibility(context.db, caller, id, false);
    return success(changed ? `Job ${id} is hidden` : `Job ${id} was already hidden`, { id, visible: false });
  };
  app.post('/jobs/v2/:id/hide', async (request) => hide(idParams.parse(request.params).id, callerOf(request)));
  app.delete('/jobs/v2/:id/hide', async (request) => hide(idParams.parse(request.params).id, callerOf(request)));
  app.post('/jobs/v2/:id/unhide', async (request) => {
    const { id } = idParams.parse(request.params);
    const { changed } = await setVisibility(context.db, callerOf(request), id, true);
    return success(changed ? `Job ${id} is visible again` : `Job ${id} was already visible`, { id, visible: true });
  });

  app.post('/jobs/v2/:id/resubmit', async (request, reply) => {
    const { id } = idParams.parse(request.params);
    const caller = callerOf(request);
    const job = await findRecordedJob(context.db, caller, id, 'resubmit');
    if (notResubmittable.has(job.status as JobStatus)) {
      throw new ServiceError('JOBS_ACTION_REFUSED', `Job ${id} is ${job.status}; a job can be resubmitted once it has left PENDING.`);
    }
    if (job.owner !== caller.userId) {
      throw new ServiceError('JOBS_FORBIDDEN', `Only ${job.owner}, who submitted job ${id}, can resubmit it (seed 002: resubmit is by the same user).`);
    }
    const accepted = await submitJob(context.db, caller, job.request);
    context.metrics.submissionsAccepted.inc({ tenant: accepted.job.tenantId });
    const representation = acceptedRepresentation(context, accepted);
    return reply.code(202).header('location', representation._links.self.href)
      .send(success(`Job ${id} resubmitted as job ${accepted.uuid}`, representation));
  });
}
