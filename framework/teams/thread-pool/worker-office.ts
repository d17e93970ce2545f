import { DependencyContainer } from '../../dependencies/dependency-container.js';
import { DependencyGraph } from '../../dependencies/dependency-graph.js';
import { IssueCollector } from '../../errors/configuration-issue.js';
import { JobfloorError } from '../../errors/jobfloor-error.js';
import { OfficeStartupError } from '../../errors/office-errors.js';
import { defineJobs, type JobDefinition } from '../../jobs/job-definition.js';
import { Office } from '../../office/office.js';

/**
 * An office as a worker thread holds it: the jobs of the office module, imported by path, and
 * this thread's own process-scoped dependencies, created lazily as on the main thread.
 */
export class WorkerOffice {
  static readonly #loaded = new Map<string, Promise<WorkerOffice>>();

  private constructor(
    readonly jobs: ReadonlyMap<string, JobDefinition>,
    readonly processScope: DependencyContainer,
  ) {}

  /** The office `name` (or the only office) exported by `moduleUrl`; imported once per thread. */
  static load(moduleUrl: string, name: string | undefined): Promise<WorkerOffice> {
    const key = `${moduleUrl}#${name ?? ''}`;
    let loaded = WorkerOffice.#loaded.get(key);
    if (loaded === undefined) {
      loaded = WorkerOffice.#import(moduleUrl, name);
      // A failed import is not cached: the next task tries again and reports the same error.
      loaded.catch(() => WorkerOffice.#loaded.delete(key));
      WorkerOffice.#loaded.set(key, loaded);
    }
    return loaded;
  }

  static async #import(moduleUrl: string, name: string | undefined): Promise<WorkerOffice> {
    const exports = (await import(moduleUrl)) as Record<string, unknown>;
    const offices = Object.values(exports).filter((value): value is Office => value instanceof Office);
    const office = offices.find((candidate) => name === undefined || candidate.definition.name === name);
    if (office === undefined) {
      throw new JobfloorError(
        'JOBFLOOR_TEAM_WORKER_NO_OFFICE',
        `Module ${moduleUrl} exports no office${name === undefined ? '' : ` named '${name}'`}; a worker thread imports the office module to run its jobs. ` +
          'Export the defineOffice(...) result from the module named by defineOffice({ module: import.meta.url }).',
      );
    }
    const { definition } = office;
    const issues = new IssueCollector();
    const graph = DependencyGraph.build(definition.dependencies ?? [], issues);
    const jobs = new Map(defineJobs(definition.jobs, graph, issues).map((job) => [job.name, job]));
    // The main thread checked the same definition; problems here mean the worker sees other code.
    if (issues.hasIssues) throw new OfficeStartupError(issues.issues);
    return new WorkerOffice(jobs, new DependencyContainer('process', undefined, graph, definition.dependencyTimeoutMs ?? 30_000));
  }
}
