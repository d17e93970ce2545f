import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineOffice, provide, type Office } from '../../index.js';
import { CacheJobs } from './cache-jobs.js';
import { Cache } from './cache.js';
import { ContentDatabase, ContentDatabaseSettings, DatabaseConnection } from './database.js';
import { DatabaseJobs } from './database-jobs.js';
import { PageJobs } from './page-jobs.js';

/** Options of the example office. */
export interface ContentOfficeOptions {
  /** The PostgreSQL database holding `content_table`. */
  readonly databaseUrl: string;
  /** The cache to use; default: an empty one. */
  readonly cache?: Cache;
}

/**
 * The seed's example as an office: content from the cache, else from the database (then cached),
 * then used; an SQL error goes to a handler job. The wiring is in flows/examples/get-content.flow.json
 * and the teams in this folder's teams.config.json.
 */
export function contentOffice(options: ContentOfficeOptions): Office {
  const root = repositoryRoot();
  return defineOffice({
    name: 'get-content',
    jobs: [CacheJobs, DatabaseJobs, PageJobs],
    dependencies: [
      provide(Cache, { scope: 'process', create: () => options.cache ?? new Cache() }),
      provide(ContentDatabaseSettings, { scope: 'process', create: () => new ContentDatabaseSettings(options.databaseUrl) }),
      provide(ContentDatabase, { scope: 'process', dependsOn: [ContentDatabaseSettings], dispose: (database) => database.end() }),
      provide(DatabaseConnection, {
        scope: 'flow',
        dependsOn: [ContentDatabase],
        create: (database) => database.connect(),
        dispose: (connection) => connection.release(),
      }),
    ],
    flows: path.join(root, 'flows/examples/get-content.flow.json'),
    teams: path.join(root, 'framework/examples/get-content/teams.config.json'),
  });
}

/** The directory with the repository's package.json, from source or from dist/. */
function repositoryRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('jobfloor: cannot find the repository root above the example.');
    directory = parent;
  }
  return directory;
}
