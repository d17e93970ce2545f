import pg from 'pg';
import type { Database, NotificationHandler, Queryable, QueryResult } from './database.js';

/** Options of {@link openPostgresDatabase}. */
export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:port/database` */
  readonly connectionString: string;
  /** Largest number of pooled connections (the LISTEN connection is extra). */
  readonly maxConnections?: number;
}

// int8 (bigserial ids, counts) as a JavaScript number, as PGlite returns it: both engines must
// give the same row shapes. Job ids stay far below 2^53.
const INT8_OID = 20;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function resultOf<Row>(result: pg.QueryResult): QueryResult<Row> {
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}

/**
 * PostgreSQL through a `pg` pool. LISTEN uses one dedicated client, opened on the first listen(),
 * because a pooled connection can be handed to someone else between notifications.
 */
export class PostgresDatabase implements Database {
  readonly engine = 'postgres' as const;
  #statements = 0;
  readonly #pool: pg.Pool;
  readonly #connectionString: string;
  #listener: Promise<pg.Client> | undefined;
  readonly #handlers = new Map<string, Set<NotificationHandler>>();

  constructor(options: PostgresDatabaseOptions) {
    this.#connectionString = options.connectionString;
    this.#pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10, types: typeParsers });
    // An idle client that loses its server emits here; the pool replaces it on next use.
    this.#pool.on('error', () => undefined);
  }

  get statementCount(): number {
    return this.#statements;
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    this.#statements += 1;
    return resultOf<Row>(await this.#pool.query(sql, params as unknown[]));
  }

  async script(sql: string): Promise<void> {
    this.#statements += 1;
    await this.#pool.query(sql);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    const tx: Queryable = {
      query: async <Row>(sql: string, params: readonly unknown[] = []) => {
        this.#statements += 1;
        return resultOf<Row>(await client.query(sql, params as unknown[]));
      },
      script: async (sql: string) => {
        this.#statements += 1;
        await client.query(sql);
      },
    };
    let broken = false;
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await tx.query('ROLLBACK');
      } catch {
        broken = true; // the connection is unusable; do not return it to the pool
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>> {
    const client = await this.#listenerClient();
    let handlers = this.#handlers.get(channel);
    if (handlers === undefined) {
      handlers = new Set();
      this.#handlers.set(channel, handlers);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    handlers.add(handler);
    return async () => {
      handlers.delete(handler);
      if (handlers.size > 0 || this.#handlers.get(channel) !== handlers) return;
      this.#handlers.delete(channel);
      await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`);
    };
  }

  #listenerClient(): Promise<pg.Client> {
    this.#listener ??= (async () => {
      const client = new pg.Client({ connectionString: this.#connectionString, types: typeParsers });
      client.on('notification', (message) => {
        for (const handler of this.#handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    })();
    return this.#listener;
  }

  async close(): Promise<void> {
    const listener = this.#listener;
    this.#listener = undefined;
    this.#handlers.clear();
    if (listener !== undefined) await (await listener).end();
    await this.#pool.end();
  }
}
