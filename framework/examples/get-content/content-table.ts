import pg from 'pg';

/** The example's table, as in the seed: a key and its content. */
export async function createContentTable(databaseUrl: string, rows: ReadonlyArray<readonly [string, string]>): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS content_table (key text PRIMARY KEY, content text NOT NULL)');
    for (const [key, content] of rows) {
      await client.query('INSERT INTO content_table (key, content) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET content = $2', [key, content]);
    }
  } finally {
    await client.end();
  }
}
