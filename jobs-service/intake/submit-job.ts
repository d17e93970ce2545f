import type { Caller } from '../access/caller.js';
import type { Database } from '../database/database.js';
import { ServiceError } from '../errors/service-error.js';
import { parseSubmissionRequest, resolveSubmission } from '../submission/index.js';
import type { FieldError } from '../validation/field-error.js';
import { acceptSubmission, type AcceptedSubmission } from './accept-submission.js';

function invalid(fieldErrors: readonly FieldError[]): ServiceError {
  const count = `${fieldErrors.length} problem${fieldErrors.length === 1 ? '' : 's'}`;
  return new ServiceError('JOBS_VALIDATION_FAILED', `The job submission has ${count}; see result.errors.`, { fieldErrors });
}

/**
 * Validates a submission as seed 002 says, resolves it against the caller's tenant (app, systems,
 * queues) and accepts it durably. Rejects with every bad field in one 400.
 */
export async function submitJob(db: Database, caller: Caller, body: unknown): Promise<AcceptedSubmission> {
  const parsed = parseSubmissionRequest(body);
  if (!parsed.ok) throw invalid(parsed.errors);
  const resolved = await resolveSubmission(db, { tenantId: caller.tenantId, userId: caller.userId, roles: caller.roles }, parsed.request);
  if (!resolved.ok) throw invalid(resolved.errors);
  return acceptSubmission(db, resolved.job);
}
