/**
 * The one database interface of the jobs service. Two engines implement it: PostgreSQL through
 * `pg` (a pool, plus one dedicated connection for LISTEN) and PGlite, an embedded PostgreSQL in a
 * data directory. Both run the same SQL.
 */

/** Rows returned by a statement, and how many rows it changed. */
export interface QueryResult<Row> {
  readonly rows: Row[];
  /** Rows inserted, updated or deleted (0 for a SELECT on PGlite; use `rows.length` there). */
  readonly rowCount: number;
}

/** Something that runs SQL with `$1`-style parameters: the database itself, or a transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs several `;`-separated statements without parameters (a migration script). */
  script(sql: string): Promise<void>;
}

/** Called with the payload of each NOTIFY on a channel that was listened to. */
export type NotificationHandler = (payload: string) => void;

/** Which engine runs behind a {@link Database}. */
export type DatabaseEngine = 'postgres' | 'pglite';

export interface Database extends Queryable {
  readonly engine: DatabaseEngine;
  /**
   * Runs `work` in one transaction: it commits when `work` resolves and rolls back when it
   * rejects (the rejection is passed on). NOTIFYs sent inside are delivered at commit.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel` and calls `handler` for each notification. Resolves once listening, so a
   * NOTIFY sent after it resolves is never missed. The returned function stops listening.
   */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  /** Counts the statements run so far; benchmarks report statements per job from it. */
  readonly statementCount: number;
  /** Closes the pool or the embedded database; waits for running statements. */
  close(): Promise<void>;
}
