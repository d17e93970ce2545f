/**
 * Inputs: PROCESSING_INPUTS decides whether there is anything to stage (the `nothingToStage` flow
 * skips straight to STAGED); STAGING_INPUTS fetches every input into the work directory, with the
 * checksums computed by the `checksum` job, which the teams file puts on a thread pool.
 */
import { flows, job, JobContext, param } from '../../framework/index.js';
import { sha256File, stageInputs } from '../storage/index.js';
import type { ActiveJob } from './active-job.js';
import { JobFailedError, lifecycleFailure, TransientJobError } from './lifecycle-errors.js';
import { LifecycleSettings } from './lifecycle-settings.js';
import { LifecycleStore } from './lifecycle-store.js';

/** The flows of processInputs. */
export interface ProcessInputsFlows {
  /** The job has no inputs: it is STAGED as it is. */
  nothingToStage(active: ActiveJob): void;
}

/** The flows of stageInputs. */
export interface StageInputsFlows {
  /** The sha256 of a staged file (a call: runs on the checksum job's team). */
  checksum(file: string): Promise<string>;
}

/** See the file comment. */
export class InputJobs {
  @job()
  async processInputs(
    @param() active: ActiveJob,
    store: LifecycleStore,
    @flows<ProcessInputsFlows>('nothingToStage') next: ProcessInputsFlows,
  ): Promise<ActiveJob> {
    const count = Object.values(active.facts.inputs).flat().length;
    if (count > 0) return active;
    const staged = await store.record(active, {
      step: { to: 'STAGED', message: 'The job has no inputs to stage.' },
      resumeAt: 'stageJob',
      state: { ...active.state, staged: [] },
    });
    next.nothingToStage(staged);
    return staged;
  }

  @job({ throws: [JobFailedError, TransientJobError] })
  async stageInputs(
    @param() active: ActiveJob,
    store: LifecycleStore,
    settings: LifecycleSettings,
    context: JobContext,
    @flows<StageInputsFlows>('checksum') calls: StageInputsFlows,
  ): Promise<ActiveJob> {
    const count = Object.values(active.facts.inputs).flat().length;
    const staging = await store.record(active, {
      step: { to: 'STAGING_INPUTS', message: `Staging ${count} input${count === 1 ? '' : 's'}.` },
      resumeAt: 'stageInputs',
      state: active.state,
    });
    const { systems } = await store.catalogOf(active);
    const staged = await stageInputs({
      inputs: active.facts.inputs,
      systems,
      workDir: active.state.plan!.workDir,
      limits: settings.transferLimits,
      signal: context.signal,
      checksum: (file) => calls.checksum(file),
    }).catch((error: unknown) => {
      throw lifecycleFailure(error, 'staging the inputs failed', context.signal);
    });
    const bytes = staged.reduce((sum, input) => sum + input.bytes, 0);
    return store.record(staging, {
      step: { to: 'STAGED', message: `Staged ${staged.length} input${staged.length === 1 ? '' : 's'} (${bytes} bytes).` },
      resumeAt: 'stageJob',
      state: { ...staging.state, staged },
    });
  }

  /** The sha256 of a file, hex. CPU-bound on large files: the teams file gives it a thread pool. */
  @job()
  async checksum(@param() file: string): Promise<string> {
    return sha256File(file);
  }
}
