/**
 * framework-overhead: what the office adds to a flow of trivial jobs. A flow of five trivial
 * async jobs runs through `office.invoke` on the inline team, against the same five methods
 * chained by hand with `await`, in alternating rounds of the same run after a warm-up.
 *
 * Figures: both throughputs (flows per second, one flow at a time), their ratio (office / hand),
 * and the overhead per job in nanoseconds. The office keeps its per-job record and metrics on.
 */
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { defineOffice, job, param } from '../framework/index.js';
import { median, round, timeSequential } from './_measure.js';

class Steps {
  @job()
  async one(@param() value: number): Promise<number> {
    return value + 1;
  }
  @job()
  async two(@param() value: number): Promise<number> {
    return value + 1;
  }
  @job()
  async three(@param() value: number): Promise<number> {
    return value + 1;
  }
  @job()
  async four(@param() value: number): Promise<number> {
    return value + 1;
  }
  @job()
  async five(@param() value: number): Promise<number> {
    return value + 1;
  }
}

const JOBS_PER_FLOW = 5;
const ITERATIONS = 100_000;
const ROUNDS = 7;

const office = defineOffice({
  jobs: [Steps],
  flows: {
    file: 'bench/five-steps.flow.json',
    content: {
      name: 'five-steps',
      start: 'one',
      nodes: {
        one: { job: 'Steps.one', next: 'two' },
        two: { job: 'Steps.two', next: 'three' },
        three: { job: 'Steps.three', next: 'four' },
        four: { job: 'Steps.four', next: 'five' },
        five: { job: 'Steps.five' },
      },
    },
  },
});
await office.start({ teams: { file: 'inline-only', content: {} }, logger: pino({ level: 'silent' }) });

const steps = new Steps();
const byHand = async (value: number): Promise<number> =>
  steps.five(await steps.four(await steps.three(await steps.two(await steps.one(value)))));
const byOffice = (value: number): Promise<unknown> => office.invoke('five-steps', value);

if ((await byOffice(0)) !== 5 || (await byHand(0)) !== 5) throw new Error('the two chains disagree');

await timeSequential(ITERATIONS, byOffice); // warm-up
await timeSequential(ITERATIONS, byHand);
const officeNs: number[] = [];
const handNs: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  officeNs.push(await timeSequential(ITERATIONS, byOffice));
  handNs.push(await timeSequential(ITERATIONS, byHand));
}
await office.stop();
const clockReadNs = measureClockRead();

const officePerFlowNs = median(officeNs) / ITERATIONS;
const handPerFlowNs = median(handNs) / ITERATIONS;
const result = {
  bench: 'framework-overhead',
  office_per_s: Math.round(1e9 / officePerFlowNs),
  hand_per_s: Math.round(1e9 / handPerFlowNs),
  ratio: round(handPerFlowNs / officePerFlowNs, 3),
  overhead_ns_per_job: Math.round((officePerFlowNs - handPerFlowNs) / JOBS_PER_FLOW),
};
console.log(`${JOBS_PER_FLOW} trivial async jobs per flow, ${ITERATIONS} flows per round, median of ${ROUNDS} rounds, node ${process.version}`);
console.log(`office.invoke:  ${result.office_per_s.toLocaleString('en')} flows/s (${round(officePerFlowNs / 1000)} us per flow)`);
console.log(`hand-chained:   ${result.hand_per_s.toLocaleString('en')} flows/s (${round(handPerFlowNs / 1000)} us per flow)`);
console.log(`ratio office/hand: ${result.ratio} (goal >= 0.5); overhead ${result.overhead_ns_per_job} ns per job`);
console.log(
  `of which the clock: one performance.now() per job to time it (plus one per run) costs ${round(clockReadNs, 1)} ns here, ` +
    `${round(((JOBS_PER_FLOW + 1) * clockReadNs) / JOBS_PER_FLOW, 1)} ns per job`,
);
console.log(JSON.stringify(result));

/** What one `performance.now()` costs on this machine: the office reads it once per job. */
function measureClockRead(): number {
  const reads = 2_000_000;
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < reads; i++) sink += performance.now();
  const elapsed = Number(process.hrtime.bigint() - start);
  return sink > 0 ? elapsed / reads : 0;
}
