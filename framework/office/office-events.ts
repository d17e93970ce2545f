import type { EventEmitter } from 'node:events';
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

/**
 * Whether an event has listeners, kept up to date by the emitter's own notifications: cheaper
 * than asking `listenerCount` for every job, and it lets the office skip building records
 * that nobody reads.
 */
export class ListenerFlag {
  listened: boolean;

  constructor(emitter: EventEmitter<OfficeEventMap>, event: keyof OfficeEventMap) {
    const plain = emitter as unknown as EventEmitter;
    this.listened = plain.listenerCount(event) > 0;
    // 'newListener' fires before the listener is added, 'removeListener' after it is removed.
    plain.on('newListener', (name: string | symbol) => {
      if (name === event) this.listened = true;
    });
    plain.on('removeListener', (name: string | symbol) => {
      if (name === event) this.listened = plain.listenerCount(event) > 0;
    });
  }
}
