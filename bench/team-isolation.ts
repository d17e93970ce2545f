/**
 * team-isolation: the Job Based Architecture's central claim, measured. Light flows (a cache
 * hit, well under 1 ms) arrive at a fixed rate while CPU-heavy jobs (about 20 ms of JavaScript
 * each) arrive at the same time. The light flows' latency is measured, from the moment each was
 * due (so that a blocked event loop cannot hide the delay), in three set-ups of one office:
 *   (a) inline: every job on the main thread;
 *   (b) pool:   the heavy job on a thread-pool team, chosen by the teams file only;
 *   (c) idle:   no heavy load at all.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import type { TeamsSource } from '../framework/index.js';
import { percentile, round } from './_measure.js';
import { HeavyJobs, isolationOffice } from './offices/isolation-office.js';

const LIGHT_EVERY_MS = 2; // 500 light flows per second
const HEAVY_EVERY_MS = 25; // 40 heavy jobs per second, each ~20 ms: 80% of one core
const HEAVY_MS = 20;
const RUN_MS = 6_000;
const WARM_UP_MS = 1_000;

const inlineTeams: TeamsSource = { file: 'bench/inline.teams.json', content: {} };
const poolTeams: TeamsSource = {
  file: 'bench/pool.teams.json',
  content: {
    // One thread, so that of this machine's cores one stays free for the main thread.
    teams: { cpu: { kind: 'thread-pool', threads: { min: 1, max: 1 }, maxQueue: 1000 } },
    assign: [{ job: 'HeavyJobs.compute', team: 'cpu' }],
  },
};

const iterations = calibrateHeavyJob(HEAVY_MS);
console.log(`team-isolation on ${cpus().length} cores, node ${process.version}`);
console.log(`light flows every ${LIGHT_EVERY_MS} ms; heavy jobs (${iterations} iterations, ~${HEAVY_MS} ms) every ${HEAVY_EVERY_MS} ms; ${RUN_MS / 1000} s each`);
console.log('the thread-pool team has 1 thread, so that one of the 2 cores stays free for the main thread');
console.log('arrivals are checked once a millisecond, so every latency includes up to 1 ms of polling');

const inline = await measure('a) all inline', inlineTeams, true);
const pool = await measure('b) heavy job on a thread-pool team', poolTeams, true);
const idle = await measure('c) no heavy load', inlineTeams, false);

console.log(`p99 inline / pool: ${round(inline.p99 / pool.p99, 1)}x (goal >= 10)`);
console.log(`p99 pool / idle:   ${round(pool.p99 / idle.p99, 2)}x (goal <= 2)`);
console.log(
  JSON.stringify({
    bench: 'team-isolation',
    p50_inline_ms: round(inline.p50, 3),
    p99_inline_ms: round(inline.p99, 3),
    p50_pool_ms: round(pool.p50, 3),
    p99_pool_ms: round(pool.p99, 3),
    p50_idle_ms: round(idle.p50, 3),
    p99_idle_ms: round(idle.p99, 3),
  }),
);

interface Latency {
  readonly p50: number;
  readonly p99: number;
}

/** Runs light (and, if asked, heavy) arrivals against the office with `teams`; light latencies. */
async function measure(label: string, teams: TeamsSource, withHeavyLoad: boolean): Promise<Latency> {
  await isolationOffice.start({ teams, logger: pino({ level: 'silent' }) });
  await isolationOffice.invoke('heavy', iterations); // the pool's thread is up before timing
  await drive(WARM_UP_MS, withHeavyLoad, () => {});
  const latencies: number[] = [];
  const heavy = await drive(RUN_MS, withHeavyLoad, (latency) => latencies.push(latency));
  await isolationOffice.stop();
  latencies.sort((a, b) => a - b);
  const result = { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
  console.log(`${label}: p50 ${round(result.p50, 3)} ms, p99 ${round(result.p99, 3)} ms, max ${round(latencies.at(-1)!, 1)} ms (${latencies.length} light flows, ${heavy} heavy jobs)`);
  return result;
}

/**
 * Issues every arrival whose time has come, checking once a millisecond, as a server's event loop
 * picks up requests; so every latency includes up to 1 ms of that polling, in all three set-ups.
 * (Checking on every turn instead, with setImmediate, spins the main thread's core: with the pool's
 * thread busy on the other, the operating system then preempts the main thread, which measures
 * the machine, not the framework.) A light flow's latency runs from when it was due to when its
 * result arrived, so a blocked event loop cannot hide the delay. Resolves when all have completed.
 */
async function drive(durationMs: number, withHeavyLoad: boolean, onLight: (latencyMs: number) => void): Promise<number> {
  const start = performance.now();
  const pending: Array<Promise<unknown>> = [];
  let lightIssued = 0;
  let heavyIssued = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      for (; start + lightIssued * LIGHT_EVERY_MS <= now && lightIssued * LIGHT_EVERY_MS < durationMs; lightIssued++) {
        const due = start + lightIssued * LIGHT_EVERY_MS;
        pending.push(isolationOffice.invoke('light', `page-${lightIssued % 100}`).then(() => onLight(performance.now() - due)));
      }
      for (; withHeavyLoad && start + heavyIssued * HEAVY_EVERY_MS <= now && heavyIssued * HEAVY_EVERY_MS < durationMs; heavyIssued++) {
        pending.push(isolationOffice.invoke('heavy', iterations));
      }
      if (now - start >= durationMs) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  await Promise.all(pending);
  return heavyIssued;
}

/** The number of iterations that takes about `targetMs` on this machine. */
function calibrateHeavyJob(targetMs: number): number {
  const jobs = new HeavyJobs();
  let iterations = 1_000_000;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    jobs.compute(iterations);
    const elapsed = performance.now() - start;
    iterations = Math.max(1000, Math.round((iterations * targetMs) / elapsed));
  }
  return iterations;
}
