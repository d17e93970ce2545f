import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { jobStatuses } from '../../../jobs-service/model/job-status.js';
import { transitions } from '../../../jobs-service/model/transitions.js';

it('docs/jobs-service/states.md shows exactly the transition table the service enforces', () => {
  const doc = readFileSync('docs/jobs-service/states.md', 'utf8');
  const section = doc.slice(doc.indexOf('## Transitions'), doc.indexOf('Why it looks like this'));
  const documented = new Map<string, string[]>();
  for (const match of section.matchAll(/^\| ([A-Z_]+) \| (.+) \|$/gm)) {
    documented.set(match[1]!, match[2]!.startsWith('—') ? [] : match[2]!.split(', '));
  }
  expect([...documented.keys()]).toEqual([...jobStatuses]);
  for (const status of jobStatuses) expect(documented.get(status)).toEqual([...transitions.get(status)!]);
});
