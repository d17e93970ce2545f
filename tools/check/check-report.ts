import type { CheckResult } from './run-check.js';

/**
 * The check's findings as text: each problem as its location, then its code and message, then the
 * fix; then notes; then one summary line saying what was checked.
 */
export function formatCheckReport(result: CheckResult): string {
  const blocks = result.problems.map((problem) => `${problem.location}\n  ${problem.code}: ${problem.message}\n  Fix: ${problem.fix}`);
  const notes = result.notes.map((note) => `note: ${note}`);
  return [...blocks, ...(notes.length > 0 ? [notes.join('\n')] : []), summary(result)].join('\n\n');
}

function summary({ problems, checked }: CheckResult): string {
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const offices = checked.offices.length === 0 ? 'no office' : `${count(checked.offices.length, 'office')} (${checked.offices.join(', ')})`;
  const teams = checked.teamsFiles.length === 0 ? 'no teams file' : checked.teamsFiles.join(', ');
  return `jobfloor check: ${count(problems.length, 'problem')} in ${offices}, ${count(checked.flowFiles.length, 'flow graph')}, ${teams}.`;
}
