/** Helpers for tests that build offices from jobs and flow graphs given in code. */
import { pino } from 'pino';
import { afterEach } from 'vitest';
import {
  defineOffice,
  OfficeStartupError,
  type ConfigurationIssue,
  type Logger,
  type Office,
  type OfficeDefinition,
  type OfficeStartOptions,
} from '../../framework/index.js';

/** A flow graph given in code, named as if it were `test/flows/<name>.flow.json`. */
export function flowSource(graph: { name: string } & Record<string, unknown>): { file: string; content: unknown } {
  return { file: `test/flows/${graph.name}.flow.json`, content: graph };
}

/** A teams file given in code, named `test/teams.config.json` in messages. */
export function teamsSource(content: unknown): { file: string; content: unknown } {
  return { file: 'test/teams.config.json', content };
}

const started: Office[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((office) => office.stop({ drainTimeoutMs: 1000 })));
});

/**
 * Defines and starts an office that is stopped after the test. Teams default to none (every job
 * inline), whatever the environment says; the logger is silent.
 */
export async function startOffice(definition: OfficeDefinition, options: OfficeStartOptions = {}): Promise<Office> {
  const office = defineOffice(definition);
  await office.start({ teams: teamsSource({}), logger: pino({ level: 'silent' }), ...options });
  started.push(office);
  return office;
}

/** The issues the office reports when it fails to start; fails the test if it starts. */
export async function startupIssues(definition: OfficeDefinition, options: OfficeStartOptions = {}): Promise<readonly ConfigurationIssue[]> {
  const office = defineOffice(definition);
  try {
    await office.start({ teams: teamsSource({}), logger: pino({ level: 'silent' }), ...options });
  } catch (error) {
    if (error instanceof OfficeStartupError) return error.issues;
    throw error;
  }
  await office.stop();
  throw new Error('The office started, but the test expected start-up errors.');
}

/** A logger that keeps what it is given, for tests that check log lines. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
