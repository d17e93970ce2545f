import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { notificationSettings } from '../../../jobs-service/notifications/index.js';
import { notificationTemplates } from '../../../jobs-service/submission/notification-schema.js';

const doc = readFileSync(new URL('../../../docs/jobs-service/notifications.md', import.meta.url), 'utf8');

/** The first two cells of each table row whose first cell is `code`. */
function tableRows(): Map<string, string> {
  const rows = [...doc.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)];
  return new Map(rows.map((match) => [match[1]!, match[2]!.trim()]));
}

describe('docs/jobs-service/notifications.md', () => {
  it('documents every setting with its default', () => {
    const rows = tableRows();
    for (const [key, value] of Object.entries(notificationSettings())) expect(rows.get(key), key).toBe(String(value));
  });

  it('documents every template', () => {
    const rows = tableRows();
    for (const name of notificationTemplates) expect(rows.has(`\${${name}}`), name).toBe(true);
  });
});
