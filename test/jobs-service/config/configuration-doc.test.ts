import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configFileSections } from '../../../jobs-service/config/config-schema.js';
import { configKeys } from '../../../jobs-service/config/config-keys.js';

const doc = readFileSync(new URL('../../../docs/jobs-service/configuration.md', import.meta.url), 'utf8');

/** The rows of the keys table: key -> [environment variable, flag] as written. */
function documentedRows(): Map<string, [string, string]> {
  const rows = new Map<string, [string, string]>();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const key = /^`([\w.]+)`$/.exec(cells[1] ?? '')?.[1];
    if (key !== undefined) rows.set(key, [cells[2] ?? '', cells[3] ?? '']);
  }
  return rows;
}

describe('docs/jobs-service/configuration.md', () => {
  const rows = documentedRows();

  it('has a row for every key of the schema', () => {
    const keys = Object.entries(configFileSections).flatMap(([section, names]) => names.map((name) => (section === '' ? name : `${section}.${name}`)));
    const sections = new Set(Object.keys(configFileSections));
    const documented = keys.filter((key) => !sections.has(key));
    expect(documented.filter((key) => !rows.has(key))).toEqual([]);
  });

  it('names the environment variable and flag of every key that has them', () => {
    for (const entry of configKeys) {
      const [env, flag] = rows.get(entry.key) ?? ['', ''];
      expect(env, entry.key).toBe(entry.env === undefined ? '' : `\`${entry.env}\``);
      expect(flag, entry.key).toBe(entry.flag === undefined ? '' : `\`--${entry.flag}\``);
    }
  });
});
