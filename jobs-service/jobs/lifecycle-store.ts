/**
 * The lifecycle's database work: each phase's status change, the job fields it learned and its
 * checkpoint in the work queue, written together (one statement, see record-phase.ts), so a
 * resumed job never finds a status without its checkpoint or the other way round. Every status change goes through the state machine.
 * Jobs inject this class; the teams file assigns jobs that need it to the bounded `db` team.
 */
import { appRepository, type StoredApp } from '../catalog/app-repository.js';
import { systemRepository, type StoredSystem } from '../catalog/system-repository.js';
import type { Database, Queryable } from '../database/database.js';
import type { JobStatus } from '../model/job-status.js';
import { changeStatus } from '../state/change-status.js';
import { IllegalTransitionError } from '../state/illegal-transition-error.js';
import { complete } from '../worker/work-queue.js';
import { recordPhase, type JobFieldUpdate } from './record-phase.js';
import type { ActiveJob, LifecycleState } from './active-job.js';

/** A phase's status change. */
export interface StatusStep {
  readonly to: JobStatus;
  readonly message: string;
}

/** What a phase records when it is done. */
export interface PhaseRecord {
  /** The status change, if the phase makes one; already made (a resumed phase): skipped. */
  readonly step?: StatusStep;
  readonly fields?: JobFieldUpdate;
  /** The node the job resumes at if the worker dies after this. */
  readonly resumeAt: string;
  readonly state: LifecycleState;
}

/** The job's tenant catalogue entries a phase needs. */
export interface JobCatalog {
  readonly app: StoredApp | undefined;
  readonly systems: ReadonlyMap<string, StoredSystem>;
}

/** Changes the status unless the job is already there: a phase resumed after a crash repeats its first change. */
async function changeStatusOnce(tx: Queryable, jobUuid: string, step: StatusStep): Promise<void> {
  try {
    await changeStatus(tx, jobUuid, step.to, step.message);
  } catch (error) {
    if (!(error instanceof IllegalTransitionError && error.from === step.to)) throw error;
  }
}

/** See the file comment. */
export class LifecycleStore {
  constructor(readonly db: Database) {}

  /** Records a phase: its status change, fields and checkpoint, in one statement; the job keeps its lease. */
  async record(job: ActiveJob, phase: PhaseRecord): Promise<ActiveJob> {
    await recordPhase(this.db, { jobUuid: job.facts.uuid, lease: job.lease, ...phase });
    return { ...job, state: phase.state };
  }

  /** Records a phase and puts the job back on the queue to resume at `resumeAt` after `delayMs`. */
  async park(job: ActiveJob, phase: PhaseRecord, delayMs: number): Promise<void> {
    await recordPhase(this.db, { jobUuid: job.facts.uuid, lease: job.lease, ...phase, parkForMs: delayMs });
  }

  /** Ends the job of a lease it holds: the final status change and the job off the queue. */
  async finish(job: ActiveJob, step: StatusStep): Promise<void> {
    await this.db.transaction(async (tx) => {
      await changeStatusOnce(tx, job.facts.uuid, step);
      await complete(tx, job.lease, job.facts.uuid);
    });
  }

  /**
   * Ends a job from an escalation handler, which knows the job only by its run's trace id: the
   * status change (refused if the job already ended) and the job off the queue.
   */
  async end(jobUuid: string, to: 'FAILED' | 'STOPPED', message: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await changeStatus(tx, jobUuid, to, message);
      await tx.query('DELETE FROM work_queue WHERE job_uuid = $1', [jobUuid]);
    });
  }

  /** The checkpoint state of a queued job, and whether a cancel was requested (for the handlers). */
  async snapshot(jobUuid: string): Promise<{ state: LifecycleState; cancelRequested: boolean; status: JobStatus } | undefined> {
    const { rows } = await this.db.query<{ state: LifecycleState | null; cancel_requested: boolean; status: JobStatus }>(
      `SELECT q.state, j.cancel_requested_at IS NOT NULL AS cancel_requested, j.status
       FROM jobs j LEFT JOIN work_queue q ON q.job_uuid = j.uuid WHERE j.uuid = $1`,
      [jobUuid],
    );
    const row = rows[0];
    return row === undefined ? undefined : { state: row.state ?? {}, cancelRequested: row.cancel_requested, status: row.status };
  }

  /** The job's app and its tenant's systems, as they are now. */
  async catalogOf(job: ActiveJob): Promise<JobCatalog> {
    const { tenantId, appId } = job.facts;
    const [app, systems] = await Promise.all([appRepository(this.db).get(tenantId, appId), systemRepository(this.db).list(tenantId)]);
    return { app, systems: new Map(systems.map((system) => [system.id, system])) };
  }

}
