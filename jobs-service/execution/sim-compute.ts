/**
 * The work of a sim `COMPUTE` step: a pure function of its iteration count, with no imports and
 * no shared state, so the lifecycle can run it on a thread-pool team (DESIGN.md, Teams) and tests
 * can compare its result with a fixed value.
 */

/**
 * Runs `iterations` rounds of integer mixing (xorshift32 folded into a sum) and returns the
 * result, an unsigned 32-bit number. Deterministic: the same count gives the same number on any
 * machine. Returning the result keeps the engine from dropping the loop as dead code.
 */
export function simCompute(iterations: number): number {
  let state = 0x9e3779b9;
  let sum = 0;
  for (let i = 0; i < iterations; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    sum = (sum + (state >>> 0)) >>> 0;
  }
  return sum;
}
