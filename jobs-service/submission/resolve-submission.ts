/**
 * A valid submission request, resolved against the submitter's tenant: the app it names, the
 * app's execution system and the tenant's storage systems, the tenant submission queues. Every
 * problem of every field is collected, so the client fixes them all in one round.
 */
import { didYouMean } from '../../framework/config/suggest.js';
import { appRepository, type StoredApp } from '../catalog/app-repository.js';
import { queueRepository } from '../catalog/queue-repository.js';
import type { ExecutionSystemDefinition } from '../catalog/system-definition.js';
import { systemRepository } from '../catalog/system-repository.js';
import type { Queryable } from '../database/database.js';
import type { JobNotification, NewJob } from '../model/new-job.js';
import { selectTenantQueue } from '../queues/select-tenant-queue.js';
import type { FieldError } from '../validation/field-error.js';
import { resolveArchive } from './resolve-archive.js';
import { resolveInputs, type SystemsById } from './resolve-inputs.js';
import { resolveParameters } from './resolve-parameters.js';
import { resolveResources } from './resolve-resources.js';
import type { SubmissionRequest } from './submission-request.js';

/** Who submits: the caller's tenant, user and roles. */
export interface Submitter {
  readonly tenantId: string;
  readonly userId: string;
  readonly roles: readonly string[];
}

/** The job to accept, or every field error. */
export type ResolvedSubmission = { readonly ok: true; readonly job: NewJob } | { readonly ok: false; readonly errors: FieldError[] };

async function findApp(db: Queryable, tenantId: string, appId: string): Promise<StoredApp | FieldError> {
  const apps = appRepository(db);
  const app = await apps.get(tenantId, appId);
  if (app !== undefined) return app;
  const known = (await apps.list(tenantId)).map((candidate) => candidate.id);
  return { field: 'appId', message: `tenant '${tenantId}' has no app '${appId}'.${didYouMean(appId, known)}`.trimEnd() };
}

function executionSystemOf(app: StoredApp, systems: SystemsById): ExecutionSystemDefinition | FieldError {
  const system = systems.get(app.executionSystem);
  if (system?.type === 'execution') return system;
  // The catalogue checks references when an app is written; a system changed since then lands here.
  return { field: 'appId', message: `app '${app.id}' names execution system '${app.executionSystem}', which the tenant no longer has as an execution system; ask a tenant administrator to fix the app` };
}

function notificationsOf(request: SubmissionRequest): JobNotification[] {
  return (request.notifications ?? []).map((notification) => ({ event: notification.event, persistent: notification.persistent ?? false, url: notification.url }));
}

/** Resolves `request` against the submitter's tenant into the job the intake inserts. */
export async function resolveSubmission(db: Queryable, submitter: Submitter, request: SubmissionRequest): Promise<ResolvedSubmission> {
  const app = await findApp(db, submitter.tenantId, request.appId);
  if ('field' in app) return { ok: false, errors: [app] };
  const systems: SystemsById = new Map((await systemRepository(db).list(submitter.tenantId)).map((system) => [system.id, system]));
  const system = executionSystemOf(app, systems);
  if ('field' in system) return { ok: false, errors: [system] };

  const errors: FieldError[] = [];
  const parameters = resolveParameters(app, request.parameters, errors);
  const inputs = resolveInputs(app, systems, request.inputs, errors);
  const archive = resolveArchive(app, systems, request, errors);
  const resources = resolveResources(app, system, request, errors);
  if (errors.length > 0) return { ok: false, errors };

  const queues = await queueRepository(db).list(submitter.tenantId);
  const tenantQueue = selectTenantQueue(queues, {
    tenantId: submitter.tenantId,
    appId: app.id,
    appVersion: app.version,
    name: request.name,
    owner: submitter.userId,
    roles: submitter.roles,
    systemId: system.id,
    batchQueue: resources.batchQueue,
    nodeCount: resources.nodeCount,
    processorsPerNode: resources.processorsPerNode,
    memoryPerNode: resources.memoryPerNode,
    maxHours: resources.maxHours,
    archive: archive.archive,
    archiveSystem: archive.archiveSystem,
  });
  const job: NewJob = {
    name: request.name,
    tenantId: submitter.tenantId,
    tenantQueue,
    owner: submitter.userId,
    roles: submitter.roles.join(','),
    systemId: system.id,
    appId: app.id,
    appUuid: app.uuid,
    ...archive,
    nodeCount: resources.nodeCount,
    processorsPerNode: resources.processorsPerNode,
    memoryPerNode: resources.memoryPerNode,
    maxHours: resources.maxHours,
    remoteQueue: resources.batchQueue,
    inputs,
    parameters,
    notifications: notificationsOf(request),
    request: request as Readonly<Record<string, unknown>>,
  };
  return { ok: true, job };
}
