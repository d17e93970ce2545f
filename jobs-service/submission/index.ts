/** Job submission: the request schema of seed 002, its validation, and its resolution against a tenant. */
export { parseSubmissionRequest, refusedFields } from './parse-submission-request.js';
export { resolveSubmission, type ResolvedSubmission, type Submitter } from './resolve-submission.js';
export { submissionRequestSchema, type SubmissionRequest } from './submission-request.js';
export { notificationSchema, notificationTemplates } from './notification-schema.js';
