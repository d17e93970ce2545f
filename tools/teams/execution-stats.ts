import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** What the advice needs of a job execution record (framework/engine/job-execution-record.ts). */
const recordSchema = z.object({
  job: z.string().min(1),
  team: z.string(),
  runTimeMs: z.number().nonnegative(),
  cpuTimeMs: z.number().nonnegative().optional(),
});

type StatsRecord = z.output<typeof recordSchema>;

/** A job's recorded executions, summed up. */
export interface JobStats {
  readonly job: string;
  readonly runs: number;
  readonly medianRunMs: number;
  /** Median CPU time of the runs that have one (main-thread runs); undefined when none has. */
  readonly medianCpuMs: number | undefined;
  /** CPU time over run time, summed over the runs that have a CPU time. */
  readonly cpuShare: number | undefined;
  /** The teams the records say the job ran on. */
  readonly teams: readonly string[];
}

/**
 * Reads exported job execution records: a JSON array, `{ "records": [...] }` (an `office.trace()`
 * result), or JSON Lines, one record per line (what a `job:end` listener appends). A line or item
 * that is no record is an error naming its place.
 */
export function readExecutionStats(file: string): Map<string, JobStats> {
  const text = readFileSync(file, 'utf8');
  const records = parseRecords(text, file);
  const byJob = new Map<string, StatsRecord[]>();
  for (const record of records) byJob.set(record.job, [...(byJob.get(record.job) ?? []), record]);
  return new Map([...byJob].map(([job, runs]) => [job, summarise(job, runs)]));
}

function parseRecords(text: string, file: string): StatsRecord[] {
  const whole = wholeJson(text.trim());
  if (Array.isArray(whole)) return whole.map((item, index) => validRecord(item, `${file}: item ${index}`));
  const records = (whole as { records?: unknown } | undefined)?.records;
  if (Array.isArray(records)) return records.map((item, index) => validRecord(item, `${file}: records[${index}]`));
  if (text.trim().startsWith('[')) parseJson(text, file); // not JSON: say so
  return text.split('\n').flatMap((line, index) => (line.trim() === '' ? [] : [validRecord(parseJson(line, `${file}:${index + 1}`), `${file}:${index + 1}`)]));
}

/** The file as one JSON value, or undefined when it is not one (JSON Lines). */
function wholeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not JSON (${(error as Error).message}). Give a JSON array of job execution records, or one record per line.`);
  }
}

function validRecord(value: unknown, where: string): StatsRecord {
  const parsed = recordSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ');
  throw new Error(`${where}: not a job execution record (${problems}). Export the office's records: see docs/tools.md.`);
}

function summarise(job: string, runs: readonly StatsRecord[]): JobStats {
  const measured = runs.filter((run) => run.cpuTimeMs !== undefined);
  const measuredRun = measured.reduce((sum, run) => sum + run.runTimeMs, 0);
  const measuredCpu = measured.reduce((sum, run) => sum + run.cpuTimeMs!, 0);
  return {
    job,
    runs: runs.length,
    medianRunMs: median(runs.map((run) => run.runTimeMs)),
    medianCpuMs: measured.length === 0 ? undefined : median(measured.map((run) => run.cpuTimeMs!)),
    cpuShare: measured.length === 0 || measuredRun === 0 ? undefined : Math.min(1, measuredCpu / measuredRun),
    teams: [...new Set(runs.map((run) => run.team))],
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
