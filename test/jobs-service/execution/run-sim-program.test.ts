/**
 * Running sim programs: every step kind, failures with their transient flag, abort, and resuming
 * at a step. HTTP_CALL goes to a real server on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSimProgram, runSimProgram, simCompute, SimStartError, SimStepFailedError, type RunSimProgramOptions, type SimOutcome } from '../../../jobs-service/execution/index.js';

let server: Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url!);
    const status = Number(/^\/status\/(\d+)$/.exec(request.url!)?.[1] ?? 0);
    if (request.url === '/never') return; // never answers
    if (status > 0) {
      response.statusCode = status;
      response.end(`status ${status}`);
      return;
    }
    response.end('x'.repeat(200_000)); // a body bigger than one chunk, read to its end
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Runs `program`, collecting the log. */
async function run(program: string, options: Partial<RunSimProgramOptions> = {}): Promise<{ outcome: SimOutcome; log: string[] }> {
  const log: string[] = [];
  const outcome = await runSimProgram(parseSimProgram(program), { log: (line) => log.push(line), ...options });
  return { outcome, log };
}

function failedWith(outcome: SimOutcome): SimStepFailedError {
  if (outcome.outcome !== 'failed') throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe('runSimProgram', () => {
  it('logs LOG lines and COMPUTE results, and finishes', async () => {
    const { outcome, log } = await run('LOG starting\nCOMPUTE 1000\nLOG done');
    expect(outcome).toEqual({ outcome: 'finished' });
    expect(log).toEqual(['starting', `COMPUTE 1000 = ${simCompute(1000)}`, 'done']);
  });

  it('sleeps for the given time', async () => {
    const started = Date.now();
    expect((await run('SLEEP 200')).outcome).toEqual({ outcome: 'finished' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('runs COMPUTE through the given compute function', async () => {
    const asked: number[] = [];
    const compute = (iterations: number): Promise<number> => {
      asked.push(iterations);
      return Promise.resolve(42);
    };
    const { log } = await run('COMPUTE 7\nCOMPUTE 9', { compute });
    expect(asked).toEqual([7, 9]);
    expect(log).toEqual(['COMPUTE 7 = 42', 'COMPUTE 9 = 42']);
  });

  it('lets errors of the caller’s callbacks escalate unchanged', async () => {
    class TeamFull extends Error {}
    await expect(run('COMPUTE 5', { compute: () => Promise.reject(new TeamFull('full')) })).rejects.toBeInstanceOf(TeamFull);
  });

  it('fails on FAIL, transient or permanent, with the line', async () => {
    const transient = failedWith((await run('LOG a\nFAIL transient the service is busy')).outcome);
    expect(transient).toMatchObject({ code: 'JOBFLOOR_EXECUTION_SIM_STEP_FAILED', transient: true, stepIndex: 1, line: 2, step: 'FAIL' });
    expect(transient.message).toBe('line 2: FAIL failed (transient): the service is busy');
    const permanent = failedWith((await run('\nFAIL permanent')).outcome);
    expect(permanent).toMatchObject({ transient: false, stepIndex: 0, line: 2 });
    expect(permanent.message).toBe('line 2: FAIL failed (permanent): the program asked to fail');
  });

  it('stops at the failing step: later steps do not run', async () => {
    const { log } = await run('LOG before\nFAIL permanent\nLOG after');
    expect(log).toEqual(['before']);
  });
});

describe('HTTP_CALL', () => {
  it('succeeds on a 2xx answer, reading its body', async () => {
    const { outcome, log } = await run(`HTTP_CALL ${base}/ok`);
    expect(outcome).toEqual({ outcome: 'finished' });
    expect(log).toEqual([`HTTP_CALL ${base}/ok = 200`]);
    expect(hits).toContain('/ok');
  });

  it('fails transiently on 5xx, 429 and 408', async () => {
    for (const status of [503, 429, 408]) {
      const error = failedWith((await run(`HTTP_CALL ${base}/status/${status}`)).outcome);
      expect(error).toMatchObject({ transient: true, details: { status }, step: 'HTTP_CALL' });
      expect(error.message).toBe(`line 1: HTTP_CALL failed (transient): ${base}/status/${status} answered ${status}`);
    }
  });

  it('fails permanently on other answers, redirects included', async () => {
    expect(failedWith((await run(`HTTP_CALL ${base}/status/404`)).outcome)).toMatchObject({ transient: false, details: { status: 404 } });
    const redirect = failedWith((await run(`HTTP_CALL ${base}/status/302`)).outcome);
    expect(redirect.message).toBe(`line 1: HTTP_CALL failed (permanent): ${base}/status/302 answered 302 (redirects are not followed; call the final URL)`);
  });

  it('fails transiently when nothing answers or the answer is too slow', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = failedWith((await run(`HTTP_CALL http://127.0.0.1:${port}/`)).outcome);
    expect(refused).toMatchObject({ transient: true });
    expect(refused.message).toBe(`line 1: HTTP_CALL failed (transient): http://127.0.0.1:${port}/ could not be reached (ECONNREFUSED)`);

    const slow = failedWith((await run(`HTTP_CALL ${base}/never`, { httpTimeoutMs: 200 })).outcome);
    expect(slow.message).toBe(`line 1: HTTP_CALL failed (transient): ${base}/never did not answer within 200 ms`);
  });
});

describe('abort and resume', () => {
  it('stops in the middle of a SLEEP, at once, with the step to resume at', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('cancelled')), 50);
    const { outcome, log } = await run('LOG a\nSLEEP 60000\nLOG b', { signal: controller.signal });
    expect(outcome).toMatchObject({ outcome: 'aborted', stepIndex: 1, reason: new Error('cancelled') });
    expect(log).toEqual(['a']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops in the middle of an HTTP_CALL', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await run(`LOG a\nHTTP_CALL ${base}/never`, { signal: controller.signal })).outcome).toMatchObject({ outcome: 'aborted', stepIndex: 1 });
  });

  it('stops while COMPUTE runs elsewhere, without waiting for it', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const compute = (): Promise<number> => new Promise(() => undefined); // a thread that never answers
    expect((await run('COMPUTE 5', { signal: controller.signal, compute })).outcome).toMatchObject({ outcome: 'aborted', stepIndex: 0 });
  });

  it('checks the signal between steps', async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const outcome = await runSimProgram(parseSimProgram('LOG a\nLOG b\nLOG c'), {
      signal: controller.signal,
      log: (line) => {
        log.push(line);
        if (line === 'b') controller.abort();
      },
    });
    expect(outcome).toMatchObject({ outcome: 'aborted', stepIndex: 2 });
    expect(log).toEqual(['a', 'b']);
  });

  it('reports each step before it runs and resumes at a saved step', async () => {
    const program = 'LOG one\nLOG two\nLOG three\nLOG four';
    const seen: number[] = [];
    const { outcome, log } = await run(program, { startAt: 2, onStep: (index) => void seen.push(index) });
    expect(outcome).toEqual({ outcome: 'finished' });
    expect(seen).toEqual([2, 3]);
    expect(log).toEqual(['three', 'four']);
    expect((await run(program, { startAt: 4 })).log).toEqual([]);
  });

  it('awaits onStep, so a checkpoint is saved before its step runs', async () => {
    const order: string[] = [];
    const onStep = async (index: number): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push(`saved ${index}`);
    };
    await runSimProgram(parseSimProgram('LOG a\nLOG b'), { log: (line) => order.push(line), onStep });
    expect(order).toEqual(['saved 0', 'a', 'saved 1', 'b']);
  });

  it('refuses to start at a step the program does not have', async () => {
    await expect(run('LOG a', { startAt: 2 })).rejects.toThrow(SimStartError);
    await expect(run('LOG a', { startAt: 2 })).rejects.toThrow(
      'cannot start the sim program at step 2: it has 1 step (start at 0 to 1); was the checkpoint saved for another program?',
    );
  });
});

describe('simCompute', () => {
  it('is deterministic and gives a 32-bit unsigned number', () => {
    expect(simCompute(100_000)).toBe(simCompute(100_000));
    expect(simCompute(0)).toBe(0);
    expect(simCompute(3)).toBe(2_901_682_833);
    expect(Number.isInteger(simCompute(12_345)) && simCompute(12_345) >= 0 && simCompute(12_345) < 2 ** 32).toBe(true);
  });
});
