/**
 * The worker side of a thread-pool team: piscina calls the default export with each task. It
 * imports the office module (once per thread), runs the job, and answers: on the task's port for
 * a job that talks back, else as piscina's result (see worker-protocol.ts).
 */
import { serializeError } from './serialized-error.js';
import { TaskStatus } from './task-status.js';
import { crossableOutcome, WorkerJobExecution } from './worker-job-execution.js';
import { WorkerOffice } from './worker-office.js';
import type { FromWorker, ToWorker, WorkerOutcome, WorkerTask } from './worker-protocol.js';

export default async function runJob(task: WorkerTask): Promise<WorkerOutcome | undefined> {
  new TaskStatus(task.status).markStarted();
  const outcome = await runOnThisThread(task);
  const { port } = task;
  if (port === undefined) return crossableOutcome(task.job, task.team, outcome, (checked) => structuredClone(checked));
  crossableOutcome(task.job, task.team, outcome, (checked) => port.postMessage({ type: 'result', outcome: checked } satisfies FromWorker));
  port.close();
  return undefined;
}

async function runOnThisThread(task: WorkerTask): Promise<WorkerOutcome> {
  try {
    const office = await WorkerOffice.load(task.officeModule, task.officeName);
    const definition = office.jobs.get(task.job);
    if (definition === undefined) throw new Error(`The office in ${task.officeModule} has no job '${task.job}' on this worker thread.`);
    const execution = new WorkerJobExecution(office, task, definition);
    task.port?.on('message', (message: ToWorker) => execution.receive(message));
    return await execution.run();
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}
