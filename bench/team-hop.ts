/**
 * team-hop: what running a trivial job on a thread-pool team costs, against running it inline:
 * the postMessage round trip, structured clone and the worker's dispatch. One job at a time,
 * many after a warm-up, microseconds per job.
 */
import { Piscina } from 'piscina';
import { pino } from 'pino';
import type { TeamsSource } from '../framework/index.js';
import { median, round, timeSequential } from './_measure.js';
import { hopOffice } from './offices/hop-office.js';

const ITERATIONS = 20_000;
const ROUNDS = 5;

const inlineTeams: TeamsSource = { file: 'bench/inline.teams.json', content: {} };
const poolTeams: TeamsSource = {
  file: 'bench/pool.teams.json',
  content: { teams: { cpu: { kind: 'thread-pool', threads: { min: 1, max: 1 } } }, assign: [{ job: 'HopJobs.increment', team: 'cpu' }] },
};

const inlineUs = await microsecondsPerJob(inlineTeams);
const poolUs = await microsecondsPerJob(poolTeams);
const barePiscinaUs = await microsecondsPerBareTask();

console.log(`a trivial job, one at a time, ${ITERATIONS} per round, median of ${ROUNDS} rounds, node ${process.version}`);
console.log(`inline:           ${round(inlineUs, 2)} us per job`);
console.log(`thread-pool team: ${round(poolUs, 2)} us per job (${round(poolUs / inlineUs, 1)}x; the hop costs ${round(poolUs - inlineUs, 1)} us)`);
console.log(`for comparison, a bare piscina task with the same work: ${round(barePiscinaUs, 2)} us (the framework adds ${round(poolUs - barePiscinaUs, 1)} us)`);
console.log(JSON.stringify({ bench: 'team-hop', inline_us: round(inlineUs, 2), pool_us: round(poolUs, 2) }));

async function microsecondsPerJob(teams: TeamsSource): Promise<number> {
  await hopOffice.start({ teams, logger: pino({ level: 'silent' }) });
  const run = (i: number): Promise<unknown> => hopOffice.invoke('hop', i);
  await timeSequential(ITERATIONS, run); // warm-up
  const rounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await timeSequential(ITERATIONS, run));
  await hopOffice.stop();
  return median(rounds) / ITERATIONS / 1000;
}

/** The same round trip through a bare piscina pool of one thread: the floor under the team. */
async function microsecondsPerBareTask(): Promise<number> {
  const pool = new Piscina({ filename: new URL('./offices/increment-worker.js', import.meta.url).href, minThreads: 1, maxThreads: 1 });
  const run = (i: number): Promise<unknown> => pool.run(i, { signal: new AbortController().signal });
  await timeSequential(ITERATIONS, run);
  const rounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await timeSequential(ITERATIONS, run));
  await pool.destroy();
  return median(rounds) / ITERATIONS / 1000;
}
