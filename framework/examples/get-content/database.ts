import pg from 'pg';

/** Where the content database is: given to `contentOffice()`. */
export class ContentDatabaseSettings {
  constructor(readonly connectionString: string) {}
}

/**
 * The content database's connection pool (process scope). Created only when a job needs a
 * connection, so a run that the cache serves never opens one.
 */
export class ContentDatabase {
  readonly pool: pg.Pool;

  constructor(settings: ContentDatabaseSettings) {
    this.pool = new pg.Pool({ connectionString: settings.connectionString, max: 4, application_name: 'jobfloor-get-content' });
  }

  /** Checks out a connection for one flow run. */
  async connect(): Promise<DatabaseConnection> {
    return new DatabaseConnection(await this.pool.connect());
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * One connection checked out of the pool for a flow run (flow scope): the seed's
 * `java.sql.Connection`. It is returned to the pool when the run ends.
 */
export class DatabaseConnection {
  constructor(readonly client: pg.PoolClient) {}

  query<R extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    return this.client.query<R>(sql, values);
  }

  release(): void {
    this.client.release();
  }
}
