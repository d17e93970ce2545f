/**
 * The end of a successful run: CLEANING_UP, then ARCHIVING (the files the run created in the work
 * directory, copied to `archivePath` on `archiveSystem`) unless the job is not archived (the
 * `nothingToArchive` flow), then FINISHED and the job off the queue.
 */
import { flows, job, JobContext, param } from '../../framework/index.js';
import { archiveOutputs } from '../storage/index.js';
import type { ActiveJob, LifecycleRunEnd } from './active-job.js';
import { JobFailedError, lifecycleFailure, TransientJobError } from './lifecycle-errors.js';
import { LifecycleStore } from './lifecycle-store.js';

/** The flows of cleanUp. */
export interface CleanUpFlows {
  /** `archive` is false: straight to FINISHED. */
  nothingToArchive(active: ActiveJob): void;
}

/** Where an archive goes when the request and the app leave archivePath empty: a folder per job. */
export function defaultArchivePath(active: ActiveJob): string {
  return `jobs/${active.facts.uuid}`;
}

/** See the file comment. */
export class ArchiveJobs {
  @job()
  async cleanUp(@param() active: ActiveJob, store: LifecycleStore, @flows<CleanUpFlows>('nothingToArchive') next: CleanUpFlows): Promise<ActiveJob> {
    const archive = active.facts.archive;
    const cleaned = await store.record(active, {
      step: { to: 'CLEANING_UP', message: archive ? 'The run ended; cleaning up before archiving.' : 'The run ended; cleaning up.' },
      resumeAt: archive ? 'archive' : 'finish',
      state: active.state,
    });
    if (!archive) next.nothingToArchive(cleaned);
    return cleaned;
  }

  @job({ throws: [JobFailedError, TransientJobError] })
  async archive(@param() active: ActiveJob, store: LifecycleStore, context: JobContext): Promise<ActiveJob> {
    const { archiveSystem, archivePath } = active.facts;
    const path = archivePath === null || archivePath === '' ? defaultArchivePath(active) : archivePath;
    const archiving = await store.record(active, {
      step: { to: 'ARCHIVING', message: `Archiving the outputs to ${archiveSystem}:${path}.` },
      resumeAt: 'archive',
      state: active.state,
    });
    const { systems } = await store.catalogOf(active);
    const system = systems.get(archiveSystem ?? '');
    if (system === undefined) throw new JobFailedError(`archive system '${archiveSystem}' no longer exists in tenant '${active.facts.tenantId}'`);
    const result = await archiveOutputs({ workDir: active.state.plan!.workDir, archiveSystem: system, archivePath: path, signal: context.signal }).catch((error: unknown) => {
      throw lifecycleFailure(error, 'archiving the outputs failed', context.signal);
    });
    context.logger.info({ files: result.files.length, bytes: result.bytes }, 'archived the outputs');
    return { ...archiving, state: { ...archiving.state } };
  }

  @job()
  async finish(@param() active: ActiveJob, store: LifecycleStore): Promise<LifecycleRunEnd> {
    const archived = active.facts.archive ? ` and its outputs archived` : '';
    await store.finish(active, { to: 'FINISHED', message: `The job finished${archived}.` });
    return { end: 'ended', status: 'FINISHED' };
  }
}
