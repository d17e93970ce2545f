import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../service/repository-root.js';

/** The package version, from the repository's package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(repositoryRoot(), 'package.json'), 'utf8')) as { version: string }).version;
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
