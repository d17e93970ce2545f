/**
 * Reading and writing the small JSON files of a `local` run. Writers replace a file atomically
 * (a temporary file in the same folder, then rename), so a reader in another process sees the
 * whole record or none of it, never half a file from a writer that died mid-write.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { z } from 'zod';
import { LocalHandleError } from './execution-errors.js';

/** Writes `value` as JSON to `path` atomically; `mode` applies to the new file. */
export async function writeJsonAtomically(path: string, value: unknown, mode = 0o644): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** The file at `path` parsed with `schema`, or undefined when there is no such file. */
export async function readJsonIfExists<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseJson(path, text, schema);
}

function parseJson<T>(path: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LocalHandleError(`${path} is not JSON (${(error as Error).message}); it was not written by this version of jobfloor, or was edited by hand`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new LocalHandleError(`${path} does not have the expected fields (${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`).join('; ')})`);
  }
  return parsed.data;
}
