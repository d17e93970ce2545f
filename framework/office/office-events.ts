import type { EscalationOrigin } from '../engine/flow-executor.js';
import type { JobCheckin, JobExecutionRecord } from '../engine/job-execution-record.js';

/** An escalation that no handler took: the default handler logged it and the run failed. */
export interface UnhandledEscalation {
  readonly error: unknown;
  readonly traceId: string;
  /** Where it was thrown, when a job threw it. */
  readonly origin: EscalationOrigin | undefined;
}

/** The office's events, `noun:verb`, with their payloads. */
export interface OfficeEventMap {
  /** A job execution ended; one record per execution. */
  'job:end': [record: JobExecutionRecord];
  /** A job reported progress with `JobContext.checkin`. */
  'job:checkin': [checkin: JobCheckin];
  /** An escalation left a run unhandled. */
  'escalation:unhandled': [event: UnhandledEscalation];
}
