/**
 * The batch queue and the resources a job asks for, with the app's defaults filled in, converted
 * to the job model's units (memory in GB, run time in decimal hours) and checked against the batch
 * queue's limits. A request's value wins over the app's default, which wins over the built-in one.
 */
import type { StoredApp } from '../catalog/app-repository.js';
import { formatGb, parseMemoryGb, parseRunTimeHours } from '../catalog/quantities.js';
import { defaultBatchQueue, type BatchQueue, type ExecutionSystemDefinition } from '../catalog/system-definition.js';
import type { FieldError } from '../validation/field-error.js';
import type { SubmissionRequest } from './submission-request.js';

/** Built-in defaults when neither the request nor the app gives a value. */
export const builtInDefaults = { nodeCount: 1, processorsPerNode: 1, memoryPerNode: '1GB', maxRunTime: '01:00:00' } as const;

/** The resources of a job. */
export interface ResolvedResources {
  readonly batchQueue: string;
  readonly nodeCount: number;
  readonly processorsPerNode: number;
  /** GB per node. */
  readonly memoryPerNode: number;
  /** Decimal hours. */
  readonly maxHours: number;
}

function chooseQueue(app: StoredApp, system: ExecutionSystemDefinition, request: SubmissionRequest, errors: FieldError[]): BatchQueue | undefined {
  const name = request.batchQueue ?? app.defaultBatchQueue ?? defaultBatchQueue(system).name;
  const queue = system.batchQueues.find((candidate) => candidate.name === name);
  if (queue === undefined) {
    const names = system.batchQueues.map((candidate) => candidate.name).join(', ');
    errors.push({ field: 'batchQueue', message: `execution system '${system.id}' has no batch queue '${name}'; its queues are ${names}` });
  }
  return queue;
}

/** Processors per node: processorsOnEachNode, or the deprecated processorsPerNode (the total) spread over the nodes. */
function processorsPerNode(app: StoredApp, request: SubmissionRequest, nodeCount: number, errors: FieldError[]): { value: number; field: string } {
  if (request.processorsOnEachNode !== undefined) return { value: request.processorsOnEachNode, field: 'processorsOnEachNode' };
  const total = request.processorsPerNode;
  if (total === undefined) return { value: app.defaultProcessorsPerNode ?? builtInDefaults.processorsPerNode, field: 'processorsOnEachNode' };
  if (total % nodeCount !== 0) {
    errors.push({ field: 'processorsPerNode', message: `processorsPerNode (deprecated) is the total number of processors, and ${total} does not divide evenly over ${nodeCount} nodes; give processorsOnEachNode instead` });
  }
  return { value: Math.max(1, Math.floor(total / nodeCount)), field: 'processorsPerNode' };
}

/** Where a value came from, for messages: the request (''), the app's default or the built-in one. */
function sourceOf(requested: unknown, appDefault: unknown): string {
  if (requested !== undefined) return '';
  return appDefault !== undefined ? " (the app's default)" : ' (the built-in default)';
}

function overLimit(field: string, what: string, limitName: string, limit: string, queue: BatchQueue, system: ExecutionSystemDefinition): FieldError {
  return { field, message: `${what} is over the limit ${limitName} = ${limit} of batch queue '${queue.name}' on system '${system.id}'; ask for at most ${limit} or choose another batchQueue` };
}

interface LimitContext {
  readonly app: StoredApp;
  readonly request: SubmissionRequest;
  readonly queue: BatchQueue;
  readonly system: ExecutionSystemDefinition;
  readonly processorsField: string;
}

function checkLimits(resources: ResolvedResources, context: LimitContext, errors: FieldError[]): void {
  const { app, request, queue, system } = context;
  const { nodeCount, processorsPerNode: processors, memoryPerNode, maxHours } = resources;
  if (queue.maxNodes !== undefined && nodeCount > queue.maxNodes) {
    const what = `${nodeCount} nodes${sourceOf(request.nodeCount, app.defaultNodeCount)}`;
    errors.push(overLimit('nodeCount', what, 'maxNodes', String(queue.maxNodes), queue, system));
  }
  if (queue.maxProcessorsPerNode !== undefined && processors > queue.maxProcessorsPerNode) {
    const what = `${processors} processors per node${sourceOf(request.processorsOnEachNode ?? request.processorsPerNode, app.defaultProcessorsPerNode)}`;
    errors.push(overLimit(context.processorsField, what, 'maxProcessorsPerNode', String(queue.maxProcessorsPerNode), queue, system));
  }
  if (queue.maxMemoryPerNode !== undefined && memoryPerNode > parseMemoryGb(queue.maxMemoryPerNode)!) {
    const what = `${formatGb(memoryPerNode)} per node${sourceOf(request.memoryPerNode, app.defaultMemoryPerNode)}`;
    errors.push(overLimit('memoryPerNode', what, 'maxMemoryPerNode', queue.maxMemoryPerNode, queue, system));
  }
  if (queue.maxRunTime !== undefined && maxHours > parseRunTimeHours(queue.maxRunTime)!) {
    const asked = request.maxRunTime ?? app.defaultMaxRunTime ?? builtInDefaults.maxRunTime;
    errors.push(overLimit('maxRunTime', `${asked}${sourceOf(request.maxRunTime, app.defaultMaxRunTime)}`, 'maxRunTime', queue.maxRunTime, queue, system));
  }
}

/** The job's batch queue and resources; problems are pushed to `errors`. */
export function resolveResources(app: StoredApp, system: ExecutionSystemDefinition, request: SubmissionRequest, errors: FieldError[]): ResolvedResources {
  const queue = chooseQueue(app, system, request, errors);
  const nodeCount = request.nodeCount ?? app.defaultNodeCount ?? builtInDefaults.nodeCount;
  const processors = processorsPerNode(app, request, nodeCount, errors);
  const resources: ResolvedResources = {
    batchQueue: queue?.name ?? request.batchQueue ?? '',
    nodeCount,
    processorsPerNode: processors.value,
    // Both strings were validated (the request by its schema, the app by its definition).
    memoryPerNode: parseMemoryGb(request.memoryPerNode ?? app.defaultMemoryPerNode ?? builtInDefaults.memoryPerNode)!,
    maxHours: parseRunTimeHours(request.maxRunTime ?? app.defaultMaxRunTime ?? builtInDefaults.maxRunTime)!,
  };
  if (queue !== undefined) checkLimits(resources, { app, request, queue, system, processorsField: processors.field }, errors);
  return resources;
}
