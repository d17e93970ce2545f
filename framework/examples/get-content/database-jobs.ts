import pg from 'pg';
import { flows, job, param } from '../../index.js';
import { DatabaseConnection } from './database.js';
import { KeyedData } from './keyed-data.js';

/** The flows `getDatabaseContent` may take instead of its next. */
export interface DatabaseContentFlows {
  /** No row has the key. */
  contentNotFound(key: string): void;
}

/** The job that knows the database. */
export class DatabaseJobs {
  /**
   * Reads the content of `key`. An SQL failure is thrown as pg's `DatabaseError`: an escalation
   * that the flow graph routes to a handler job, not this job's concern.
   */
  @job({ throws: [pg.DatabaseError] })
  async getDatabaseContent(
    @param() key: string,
    connection: DatabaseConnection,
    @flows<DatabaseContentFlows>('contentNotFound') flows: DatabaseContentFlows,
  ): Promise<KeyedData | undefined> {
    const result = await connection.query<{ content: string }>('SELECT content FROM content_table WHERE key = $1', [key]);
    const row = result.rows[0];
    if (row === undefined) {
      flows.contentNotFound(key);
      return undefined;
    }
    return new KeyedData(key, row.content);
  }
}
