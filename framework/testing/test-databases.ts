/** Databases on a shared server, one per test file: created from an admin connection and dropped again. */
import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';

/** Creates a database (a random `jobfloor_test_<hex>` name when omitted) and returns its connection string. */
export async function createDatabase(adminConnectionString: string, name: string = randomDatabaseName()): Promise<string> {
  await withAdminClient(adminConnectionString, (client) => client.query(`CREATE DATABASE ${escapeIdentifier(name)}`));
  return connectionStringFor(adminConnectionString, name);
}

/** Drops a database if it exists, disconnecting its sessions first (`WITH (FORCE)`, PostgreSQL 13+). */
export async function dropDatabase(adminConnectionString: string, name: string): Promise<void> {
  await withAdminClient(adminConnectionString, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/** A database name that is unique enough for parallel test files sharing one server. */
export function randomDatabaseName(): string {
  return `jobfloor_test_${randomBytes(6).toString('hex')}`;
}

/** The same server and credentials as `connectionString`, but pointing at database `name`. */
export function connectionStringFor(connectionString: string, name: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

async function withAdminClient<T>(connectionString: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  // Without a listener, a server-side disconnect (e.g. the cluster stopping) would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
