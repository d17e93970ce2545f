import type { Type } from 'ts-morph';
import { pointer } from '../../framework/errors/configuration-issue.js';
import { threadPoolTeamNames } from '../../framework/teams/thread-pool/thread-pool-checks.js';
import type { CatalogueJob } from '../catalogue/catalogue-model.js';
import type { ProblemList } from './check-problem.js';
import { uncloneablePart, type UncloneablePart } from './cloneable-types.js';
import type { OfficeAssignments } from './team-rules.js';

/**
 * Reports thread-pool jobs whose values cannot cross to the worker and back: the argument, the
 * result, and each flow method's argument and result travel by structured clone. At run time the
 * first such value escalates `UncloneableValueError`; the types show it before anything runs.
 */
export function checkThreadPoolValues({ office, loaded, assignments }: OfficeAssignments, problems: ProblemList): void {
  const pools = threadPoolTeamNames(loaded);
  for (const job of office.jobs) {
    const assignment = assignments.get(job.name);
    if (assignment?.team === undefined || !pools.includes(assignment.team)) continue;
    const found = firstUncloneable(job);
    if (found === undefined) continue;
    const { part, crossing } = found;
    const what = part.path === crossing.path ? `${crossing.label} ${part.reason}` : `${part.path} in ${crossing.label} ${part.reason}`;
    const rule = /^assign\[(\d+)\]/.exec(assignment.reason)?.[1];
    problems.add({
      code: 'JOBFLOOR_CHECK_UNCLONEABLE_ON_THREAD_POOL',
      location: `${loaded.file}#${rule === undefined ? '' : pointer('assign', Number(rule))} (job ${job.name}, ${job.file}:${job.line})`,
      message:
        `Job '${job.name}' runs on thread-pool team '${assignment.team}' (${assignment.reason}), but ${what}: ` +
        'it cannot be structured-cloned to or from a worker thread.',
      fix: 'Pass plain data (objects, arrays, primitives, Date, Map, Set, typed arrays) to and from the job, or assign the job to a main-thread team.',
    });
  }
}

/** A value that crosses threads: `path` is how a part of it is named, `label` what it is to the job. */
interface Crossing {
  readonly type: Type;
  readonly path: string;
  readonly label: string;
}

/** The first value of a job that cannot cross, in the order a run meets them. */
function firstUncloneable(job: CatalogueJob): { part: UncloneablePart; crossing: Crossing } | undefined {
  const crossings: Crossing[] = [
    ...(job.param === undefined ? [] : [{ type: job.param.type, path: job.param.name, label: 'its argument' }]),
    { type: job.returns, path: 'result', label: 'its result' },
    ...(job.flows?.methods ?? []).flatMap((method) => [
      ...(method.argument === undefined ? [] : [{ type: method.argument, path: 'argument', label: `the argument of flow '${method.name}'` }]),
      ...(method.result === undefined ? [] : [{ type: method.result, path: 'result', label: `the result of flow '${method.name}'` }]),
    ]),
  ];
  for (const crossing of crossings) {
    const part = uncloneablePart(crossing.type, job.method, crossing.path);
    if (part !== undefined) return { part, crossing };
  }
  return undefined;
}
