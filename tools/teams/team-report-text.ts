import type { OfficeTeamReport } from './team-report.js';

/**
 * The report as text: per office a table of job, team, team kind and the rule that decided; then
 * the advice, and the teams file to write when the advice changes it.
 */
export function formatTeamReports(reports: readonly OfficeTeamReport[], statsFile: string | undefined): string {
  return reports.map((report) => formatOffice(report, statsFile)).join('\n\n');
}

function formatOffice(report: OfficeTeamReport, statsFile: string | undefined): string {
  const header = `${report.office}, teams file ${report.teamsFile ?? '(none)'}:`;
  const rows = [['JOB', 'TEAM', 'KIND', 'DECIDED BY'], ...report.jobs.map((job) => [job.job, job.team ?? '(inherited)', job.kind, job.reason])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}`);
  return [header, ...table, ...(statsFile === undefined ? [] : ['', ...formatAdvice(report, statsFile)])].join('\n');
}

function formatAdvice(report: OfficeTeamReport, statsFile: string): string[] {
  if (report.advice.length === 0) return [`Advice from ${statsFile}: every job with enough records is on the right kind of team.`];
  const lines = [`Advice from ${statsFile}:`];
  for (const item of report.advice) {
    const move = item.to === 'inline' ? 'run it inline' : 'move it to a thread-pool team';
    lines.push(`  ${item.job}: ${move}; ${item.because}.`);
    for (const blocker of item.blockers) lines.push(`    cannot move yet: ${blocker}.`);
  }
  if (report.change !== undefined) {
    lines.push('', `Change ${report.change.file ?? 'the teams file'}:`, ...report.change.edits.map((edit) => `  - ${edit}`), '', 'The teams file after the change:');
    lines.push(JSON.stringify(report.change.config, null, 2));
  }
  return lines;
}
