import { pino, type Logger as PinoLogger } from 'pino';

/** The structured logger jobs and the office write to (pino). */
export type Logger = PinoLogger;

/**
 * The office's default logger: pino to standard output at the level named by
 * `JOBFLOOR_LOG_LEVEL` (default `info`; tests set `silent`).
 */
export function createDefaultLogger(): Logger {
  return pino({ name: 'jobfloor', level: process.env['JOBFLOOR_LOG_LEVEL'] ?? 'info' });
}
