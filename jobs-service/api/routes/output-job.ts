/**
 * The job behind an outputs or log request: visible to the caller (store/find-job.ts: another
 * tenant's or user's job is a 404), not hidden, and with its work directory when that exists.
 * A job gets its `work_path` when it is validated and the directory itself when it is staged, so
 * before that (and while it is ACCEPTED) it simply has no outputs yet.
 */
import { stat } from 'node:fs/promises';
import type { Caller } from '../../access/caller.js';
import type { Queryable } from '../../database/database.js';
import { ServiceError } from '../../errors/service-error.js';
import { findJob } from '../../store/find-job.js';

/** A job whose outputs a caller may see. */
export interface OutputsJob {
  readonly id: string;
  readonly status: string;
  /** The work directory on this host; undefined while the job has none. */
  readonly workDir: string | undefined;
}

/** `dir` when it is an existing directory, else undefined. */
async function existingDirectory(dir: string | null): Promise<string | undefined> {
  if (dir === null) return undefined;
  try {
    return (await stat(dir)).isDirectory() ? dir : undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Finds job `id` for `caller`. A hidden job hides its outputs and log as it hides its history
 * (seed 002: hidden jobs are invisible to most APIs) until it is unhidden.
 */
export async function findOutputsJob(db: Queryable, caller: Caller, id: string): Promise<OutputsJob> {
  const found = await findJob(db, caller, id);
  if (found.state === 'accepted') return { id, status: 'ACCEPTED', workDir: undefined };
  if (!found.row.visible) {
    throw new ServiceError('JOBS_NOT_FOUND', `Job ${id} is hidden, and so are its outputs and log. POST /jobs/v2/${id}/unhide to see them again.`);
  }
  return { id, status: found.row.status, workDir: await existingDirectory(found.row.work_path) };
}

/** The 404 for an output of a job that has no work directory, so no outputs at all. */
export function noWorkDirectory(job: OutputsJob): ServiceError {
  return new ServiceError(
    'JOBS_NOT_FOUND',
    `Job ${job.id} is ${job.status} and has no work directory, so it has no outputs yet: the directory is made when the job is staged.`,
    { fieldErrors: [{ field: 'path', message: 'the job has no outputs yet' }] },
  );
}
