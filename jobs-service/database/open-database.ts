import { join } from 'node:path';
import type { Database } from './database.js';
import { PgliteDatabase } from './pglite-database.js';
import { PostgresDatabase } from './postgres-database.js';

/** Where the service keeps its data. */
export interface DatabaseLocation {
  /** A PostgreSQL connection string; when set, PostgreSQL is used. */
  readonly databaseUrl?: string | undefined;
  /** The data directory; the embedded database lives in its `pglite/` folder. `memory://` keeps it in memory. */
  readonly dataDir: string;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite database in the data directory. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.databaseUrl) return new PostgresDatabase({ connectionString: location.databaseUrl });
  const dir = location.dataDir.startsWith('memory://') ? location.dataDir : join(location.dataDir, 'pglite');
  return PgliteDatabase.open(dir);
}
