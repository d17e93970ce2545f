/** A temporary directory per test, removed after it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** Registers beforeEach/afterEach hooks; `dir()` is the current test's directory. */
export function useTempDir(prefix = 'jobfloor-config-'): { dir(): string; write(name: string, content: unknown): string } {
  let current: string | undefined;
  beforeEach(() => {
    current = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterEach(() => {
    if (current !== undefined) rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  const dir = (): string => {
    if (current === undefined) throw new Error('useTempDir: dir() is only available inside a test');
    return current;
  };
  return {
    dir,
    /** Writes a file into the directory (objects as JSON) and returns its absolute path. */
    write(name, content) {
      const file = path.join(dir(), name);
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    },
  };
}
