/**
 * Where a job's output is archived. `archive` defaults to false. When it is true, archivePath is
 * required (seed 002; "" takes the app's defaultArchivePath, else stays "" for the archiving phase
 * to choose) and the archive system is the request's or the app's. A given archiveSystem or
 * archivePath is checked even when the job is not archived, so a typo is never silently ignored.
 */
import type { StoredApp } from '../catalog/app-repository.js';
import { pathProblem } from '../catalog/input-locations.js';
import type { FieldError } from '../validation/field-error.js';
import { storageSystemProblem, type SystemsById } from './resolve-inputs.js';
import type { SubmissionRequest } from './submission-request.js';

/** The archive fields of a job. */
export interface ResolvedArchive {
  readonly archive: boolean;
  readonly archivePath: string | null;
  readonly archiveSystem: string | null;
}

function checkGiven(request: SubmissionRequest, systems: SystemsById, errors: FieldError[]): void {
  const systemProblem = request.archiveSystem === undefined ? undefined : storageSystemProblem(systems, request.archiveSystem);
  if (systemProblem !== undefined) errors.push({ field: 'archiveSystem', message: systemProblem });
  const path = request.archivePath ?? '';
  const problem = path === '' ? undefined : pathProblem(path);
  if (problem !== undefined) errors.push({ field: 'archivePath', message: problem });
}

/** The job's archive settings; problems are pushed to `errors`. */
export function resolveArchive(app: StoredApp, systems: SystemsById, request: SubmissionRequest, errors: FieldError[]): ResolvedArchive {
  checkGiven(request, systems, errors);
  if (request.archive !== true) return { archive: false, archivePath: null, archiveSystem: null };
  const archiveSystem = request.archiveSystem ?? app.defaultArchiveSystem;
  if (archiveSystem === undefined) {
    errors.push({ field: 'archiveSystem', message: `archive is true, but neither the request nor app '${app.id}' names an archive system; give archiveSystem` });
  } else if (request.archiveSystem === undefined) {
    const problem = storageSystemProblem(systems, archiveSystem);
    if (problem !== undefined) errors.push({ field: 'archiveSystem', message: `app '${app.id}' defaultArchiveSystem: ${problem}` });
  }
  const archivePath = request.archivePath === '' ? (app.defaultArchivePath ?? '') : (request.archivePath ?? '');
  return { archive: true, archivePath, archiveSystem: archiveSystem ?? null };
}
