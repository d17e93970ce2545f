/**
 * Runs a claimed job through the lifecycle flow, from the node its checkpoint names, with the
 * job's UUID as the run's trace id (its logs carry it; its handlers find the job by it). A job
 * whose runs keep ending without a checkpoint (its worker dies at the same place again and again)
 * is failed rather than retried forever.
 */
import type { Logger } from 'pino';
import type { Office } from '../../framework/index.js';
import type { Database } from '../database/database.js';
import { isLifecycleRunEnd, type ActiveJob } from '../jobs/active-job.js';
import { LIFECYCLE_FLOW } from '../jobs/lifecycle-office.js';
import { LifecycleStore } from '../jobs/lifecycle-store.js';
import type { RunClaimedJob } from './job-worker.js';
import { release, type ClaimedWork } from './work-queue.js';

/** Options of {@link lifecycleRunner}. */
export interface LifecycleRunnerOptions {
  readonly office: Office;
  readonly db: Database;
  readonly logger: Logger;
  /** Claims of one checkpoint before the job is failed. */
  readonly maxAttempts: number;
}

async function failInterrupted(db: Database, work: ClaimedWork, maxAttempts: number): Promise<void> {
  const where = work.resumeAt ?? 'the start';
  const message = `The job's run was interrupted ${maxAttempts} times at ${where} without making progress; it is failed rather than tried again.`;
  await new LifecycleStore(db).end(work.jobUuid, 'FAILED', message);
}

/** The worker's `runJob`: see the file comment. */
export function lifecycleRunner(options: LifecycleRunnerOptions): RunClaimedJob {
  const { office, db, logger, maxAttempts } = options;
  return async (work, owner, signal) => {
    if (work.attempts > maxAttempts && !work.cancelRequested) {
      await failInterrupted(db, work, maxAttempts);
      return;
    }
    const active: ActiveJob = { facts: work.facts, state: work.state, lease: owner };
    const at = work.resumeAt ?? undefined;
    const result = await office.invoke(LIFECYCLE_FLOW, active, { signal, traceId: work.jobUuid, ...(at === undefined ? {} : { at }) });
    if (isLifecycleRunEnd(result) && result.end !== 'abandoned') return;
    // The run ended without ending or parking the job: give it back, so it resumes at its checkpoint.
    logger.debug({ job: work.jobUuid, result }, 'the lifecycle run ended without a checkpoint; releasing the job');
    await release(db, owner, work.jobUuid, 0);
  };
}
