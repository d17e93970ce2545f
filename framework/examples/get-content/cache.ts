/** An in-memory content cache: the seed example's `Cache`, shared by every run (process scope). */
export class Cache {
  readonly #entries = new Map<string, string>();

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [key, content] of entries) this.#entries.set(key, content);
  }

  getContent(key: string): string | undefined {
    return this.#entries.get(key);
  }

  storeContent(key: string, content: string): void {
    this.#entries.set(key, content);
  }
}
