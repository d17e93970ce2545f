/**
 * The job submission request, exactly as seed 002's "Submission Request Parameters" table lists it
 * (JSON types, string maximum lengths, required fields) and as its "Submission Request Gotchas"
 * tighten it: archivePath is required when archive is true, memoryPerNode carries units, no
 * negative numbers, unknown fields are refused. The schema does not transform values, so a parsed
 * request is the body as the client sent it.
 */
import { z } from 'zod';
import { memoryProblem, runTimeProblem } from '../catalog/quantities.js';
import { notificationSchema } from './notification-schema.js';

function text(name: string, max: number, required: boolean): z.ZodString {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be a string`) })
    .min(required ? 1 : 0, `${name} must not be empty`)
    .max(max, `${name} is longer than ${max} characters`);
}

function countMessage(name: string, input: unknown): string {
  if (typeof input !== 'number') return `${name} must be a JSON number (a whole number of at least 1), not ${input === null ? 'null' : `a ${typeof input}`}`;
  if (input < 0) return `${name} must not be negative; give a whole number of at least 1`;
  if (!Number.isInteger(input)) return `${name} must be a whole number`;
  if (input > MAX_COUNT) return `${name} must be at most ${MAX_COUNT}`;
  return `${name} must be at least 1`;
}

/** The largest node or processor count: far beyond any machine, well inside the job table's integer columns. */
const MAX_COUNT = 1_000_000;

function count(name: string): z.ZodInt {
  const error = (issue: { input?: unknown }): string => countMessage(name, issue.input);
  return z.int({ error }).min(1, { error }).max(MAX_COUNT, { error });
}

function checked(name: string, max: number, problem: (text: string, name: string) => string | undefined): z.ZodString {
  return text(name, max, false).superRefine((value, context) => {
    const message = problem(value, name);
    if (message !== undefined) context.addIssue({ code: 'custom', message });
  });
}

/**
 * The rules that tie fields together. Read defensively: they run on bodies whose fields have
 * issues too (and parseSubmissionRequest runs them itself when a field issue made zod skip them).
 */
export function crossFieldErrors(body: unknown): { field: string; message: string }[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const request = body as Record<string, unknown>;
  const errors: { field: string; message: string }[] = [];
  if (request.archive === true && request.archivePath === undefined) {
    errors.push({ field: 'archivePath', message: 'archivePath is required when archive is true ("" lets the app choose)' });
  }
  if (request.processorsPerNode !== undefined && request.processorsOnEachNode !== undefined) {
    errors.push({ field: 'processorsPerNode', message: 'processorsPerNode is deprecated and processorsOnEachNode is given too; remove processorsPerNode' });
  }
  return errors;
}

const inputValue = z.union([z.string(), z.array(z.string())], { error: 'an input is a location (string) or an array of locations' });

/** The zod schema of a `POST /jobs/v2` body. */
export const submissionRequestSchema = z
  .object(
    {
      appId: text('appId', 64, true).describe('The id of the app to run; it decides the execution system.'),
      name: text('name', 64, true).describe('The name of the job, chosen by the user.'),
      archive: z.boolean({ error: 'archive must be true or false' }).optional().describe('Whether to archive the job output. Default false.'),
      archivePath: text('archivePath', 255, false).optional().describe('The archive folder on archiveSystem; required when archive is true (may be "": the app default).'),
      archiveSystem: text('archiveSystem', 64, true).optional().describe("The storage system to archive to. Default: the app's."),
      batchQueue: text('batchQueue', 255, true).optional().describe("The batch queue of the execution system. Default: the app's, else the system's."),
      inputs: z
        .record(z.string(), inputValue, { error: 'inputs must be an object: input id -> location or array of locations' })
        .optional()
        .describe('Input id -> http(s):// URL, jobfloor://<storage system>/<path>, or a path relative to the app\'s input system.'),
      memoryPerNode: checked('memoryPerNode', 32, memoryProblem).optional().describe('Memory per node as [num][units], units KB, MB, GB or TB (default GB): 200MB, 1.5GB, 5.'),
      nodeCount: count('nodeCount').optional().describe('How many nodes the job uses.'),
      notifications: z.array(notificationSchema, { error: 'notifications must be an array of {event, url, persistent}' }).optional(),
      parameters: z
        .record(z.string(), z.unknown(), { error: 'parameters must be an object: parameter id -> value' })
        .optional()
        .describe("Parameter id -> value, of the types the app declares."),
      processorsPerNode: count('processorsPerNode').optional().describe('DEPRECATED: use processorsOnEachNode. The total number of processors.'),
      processorsOnEachNode: count('processorsOnEachNode').optional().describe('Processors on each node; the job uses nodeCount x processorsOnEachNode.'),
      maxRunTime: checked('maxRunTime', 20, runTimeProblem).optional().describe('The run time limit, HH:mm:ss.'),
    },
    { error: 'the request body must be a JSON object' },
  )
  .strict()
  .superRefine((request, context) => {
    for (const { field, message } of crossFieldErrors(request)) context.addIssue({ code: 'custom', path: [field], message });
  }, { when: () => true })
  .meta({ id: 'JobSubmissionRequest' });

/** A valid submission request: the body as sent. */
export type SubmissionRequest = z.output<typeof submissionRequestSchema>;
