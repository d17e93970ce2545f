/** A bare piscina worker for bench/team-hop: the round trip of the pool itself, without the framework. */
export default function increment(value: number): number {
  return value + 1;
}
