/**
 * One entry of a submission's `notifications` (seed 002, the notification table): the job event
 * (a status name, or `*` for all), whether it stays active after it fires, and where to send it —
 * an http(s) URL that is POSTed to, or an email address. URLs may hold the seed's templates.
 */
import { z } from 'zod';
import { didYouMean } from '../../framework/config/suggest.js';
import { jobStatuses } from '../model/job-status.js';

/** The `${...}` templates a notification URL may hold, from seed 002's notification table. */
export const notificationTemplates = [
  'JOB_STATUS',
  'JOB_URL',
  'JOB_ID',
  'JOB_SYSTEM',
  'JOB_NAME',
  'JOB_START_TIME',
  'JOB_END_TIME',
  'JOB_SUBMIT_TIME',
  'JOB_ARCHIVE_PATH',
  'JOB_ARCHIVE_URL',
  'JOB_ERROR',
] as const;

const emailPattern = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;

function templateProblems(url: string): string[] {
  const names = [...url.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1]!);
  const unknown = names.filter((name) => !(notificationTemplates as readonly string[]).includes(name));
  return unknown.map((name) => `unknown template \${${name}}.${didYouMean(name, notificationTemplates)} Templates: ${notificationTemplates.map((t) => `\${${t}}`).join(', ')}`);
}

/** What is wrong with a notification url, or an empty list. */
export function notificationUrlProblems(url: string): string[] {
  const templates = templateProblems(url);
  if (templates.length > 0) return templates;
  // Templates are replaced when the notification is sent; check the URL with a stand-in value.
  const concrete = url.replaceAll(/\$\{[^}]*\}/g, 'x');
  if (/^https?:\/\//i.test(concrete)) return URL.canParse(concrete) && new URL(concrete).host !== '' ? [] : [`'${url}' is not a valid URL`];
  if (emailPattern.test(concrete)) return [];
  return [`'${url}' is neither an http(s):// URL nor an email address`];
}

const eventNames: readonly string[] = ['*', ...jobStatuses];

/** The zod schema of one notification of a submission. */
export const notificationSchema = z
  .object({
    event: z
      .string({ error: (issue) => (issue.input === undefined ? 'event is required: a job status name, or * for every event' : 'event must be a string') })
      .max(32, 'event is longer than 32 characters')
      .refine((event) => eventNames.includes(event), {
        error: (issue) => `unknown event '${String(issue.input)}'.${didYouMean(String(issue.input), eventNames)} Use a job status (${jobStatuses.join(', ')}) or * for every event`,
      })
      .describe('A job status name, or * for every event.'),
    persistent: z.boolean({ error: 'persistent must be true or false' }).optional().meta({ default: false }).describe('Whether the notification stays active after it first fires. Default false.'),
    url: z
      .string({ error: (issue) => (issue.input === undefined ? 'url is required: an http(s) URL or an email address' : 'url must be a string') })
      .min(1, 'url must not be empty; give an http(s) URL or an email address')
      .max(1024, 'url is longer than 1024 characters')
      .superRefine((url, context) => {
        for (const message of notificationUrlProblems(url)) context.addIssue({ code: 'custom', message });
      })
      .describe(`An http(s) URL (POSTed to) or an email address. URLs may hold ${notificationTemplates.map((t) => `\${${t}}`).join(', ')}.`),
  })
  .strict();
