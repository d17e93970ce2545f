import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package version, read from the nearest package.json above this file (sources or dist/). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
}

/** The service version that every response carries: the package version. */
export const SERVICE_VERSION = packageVersion();

/** The one shape of every API response body (seed 002's Agave/Aloe envelope). */
export interface Envelope<Result> {
  readonly status: 'success' | 'error';
  readonly message: string;
  readonly version: string;
  readonly result: Result;
}

export function success<Result>(message: string, result: Result): Envelope<Result> {
  return { status: 'success', message, version: SERVICE_VERSION, result };
}

export function failure<Result>(message: string, result: Result): Envelope<Result> {
  return { status: 'error', message, version: SERVICE_VERSION, result };
}
