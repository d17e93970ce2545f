/** The office of bench/team-hop: one trivial job, run inline or on a thread-pool team. */
import { defineOffice, job, param } from '../../framework/index.js';

export class HopJobs {
  @job()
  increment(@param() value: number): number {
    return value + 1;
  }
}

export const hopOffice = defineOffice({
  name: 'team-hop',
  module: import.meta.url,
  jobs: [HopJobs],
  flows: { file: 'bench/offices/hop.flow.json', content: { name: 'hop', start: 'increment', nodes: { increment: { job: 'HopJobs.increment' } } } },
});
