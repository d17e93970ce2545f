/**
 * The worker side of a thread-pool team: piscina calls the default export with each task. It
 * imports the office module (once per thread), runs the job, and answers on the task's port.
 */
import { serializeError } from './serialized-error.js';
import { postOutcome, WorkerJobExecution } from './worker-job-execution.js';
import { WorkerOffice } from './worker-office.js';
import type { ToWorker, WorkerOutcome, WorkerTask } from './worker-protocol.js';

export default async function runJob(task: WorkerTask): Promise<void> {
  const { port } = task;
  let outcome: WorkerOutcome;
  try {
    const office = await WorkerOffice.load(task.officeModule, task.officeName);
    const definition = office.jobs.get(task.job);
    if (definition === undefined) throw new Error(`The office in ${task.officeModule} has no job '${task.job}' on this worker thread.`);
    const execution = new WorkerJobExecution(office, task, definition);
    port.on('message', (message: ToWorker) => execution.receive(message));
    outcome = await execution.run();
  } catch (error) {
    outcome = { ok: false, error: serializeError(error) };
  }
  postOutcome(port, task.job, task.team, outcome);
  port.close();
}
