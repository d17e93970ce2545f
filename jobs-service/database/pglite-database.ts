import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, NotificationHandler, Queryable, QueryResult } from './database.js';

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, running in this process on a data
 * directory. It has one connection, so statements run one at a time and a transaction holds the
 * database until it ends; that is why a multi-process deployment uses PostgreSQL instead.
 */
export class PgliteDatabase implements Database {
  readonly engine = 'pglite' as const;
  #statements = 0;

  private constructor(readonly db: PGlite) {}

  /**
   * Opens (creating when needed) the database in `dataDir`, or an in-memory one for `memory://`.
   */
  static async open(dataDir: string): Promise<PgliteDatabase> {
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    return new PgliteDatabase(await PGlite.create(dataDir));
  }

  get statementCount(): number {
    return this.#statements;
  }

  query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    return this.#run<Row>(this.db, sql, params);
  }

  async script(sql: string): Promise<void> {
    this.#statements += 1;
    await this.db.exec(sql);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (transaction) => {
      this.#statements += 2; // BEGIN and COMMIT, as on PostgreSQL
      return work({
        query: <Row>(sql: string, params: readonly unknown[] = []) => this.#run<Row>(transaction, sql, params),
        script: async (sql: string) => {
          this.#statements += 1;
          await transaction.exec(sql);
        },
      });
    });
  }

  async listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>> {
    const unlisten = await this.db.listen(channel, handler);
    return () => unlisten();
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }

  async #run<Row>(target: PGlite | Transaction, sql: string, params: readonly unknown[]): Promise<QueryResult<Row>> {
    this.#statements += 1;
    const result = await target.query<Row>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
  }
}
