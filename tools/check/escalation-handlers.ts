import { didYouMean } from '../../framework/config/suggest.js';
import { pointer } from '../../framework/errors/configuration-issue.js';
import { typeText } from '../catalogue/type-text.js';
import type { ProblemList } from './check-problem.js';
import type { ErrorClassIndex } from './error-classes.js';
import { receiver, type CheckFlow, type CheckNode } from './flow-frames.js';
import { unassignable, valueOf } from './value-types.js';

/** One row of an escalation table: the error class, its handler, and where the row is written. */
export interface HandlerEntry {
  readonly errorClass: string;
  readonly handler: CheckNode;
  readonly location: string;
  /** `node 'x'`, `flow 'f'` or `the office`: whose table it is, for messages. */
  readonly table: string;
}

/** The rows of every node's and flow's escalation table. */
export function flowHandlerEntries(flow: CheckFlow): HandlerEntry[] {
  const atFlow = [...(flow.escalations ?? [])].map(([errorClass, handler]) => ({
    errorClass,
    handler,
    location: `${flow.file}#${pointer('escalations', errorClass)}`,
    table: `flow '${flow.name}'`,
  }));
  const atNodes = [...flow.nodes.values()].flatMap((node) =>
    [...(node.escalations ?? [])].map(([errorClass, handler]) => ({
      errorClass,
      handler,
      location: `${node.location}${pointer('escalations', errorClass)}`,
      table: `node '${node.name}'`,
    })),
  );
  return [...atNodes, ...atFlow];
}

/**
 * Checks each row: the error class must exist (matching is by exact class name, so a typo never
 * matches), and the handler's `@param` must accept an instance of it: the handler receives that
 * class or a subclass.
 */
export function checkHandlers(entries: readonly HandlerEntry[], errors: ErrorClassIndex, problems: ProblemList): void {
  for (const entry of entries) {
    const errorType = errors.typeOf(entry.errorClass);
    if (errorType === undefined) {
      problems.add({
        code: 'JOBFLOOR_CHECK_UNKNOWN_ESCALATION_CLASS',
        location: entry.location,
        message:
          `The escalations of ${entry.table} name '${entry.errorClass}', which is no error class of the project or its libraries.` +
          didYouMean(entry.errorClass, errors.knownNames()),
        fix:
          'Name the error class exactly as declared (escalations match class names); for a library\'s class, declare it on the job ' +
          `that throws it: @job({ throws: [${entry.errorClass}] }).`,
      });
      continue;
    }
    const target = receiver(entry.handler);
    if (target === undefined) continue;
    const misfits = unassignable(valueOf(errorType, target.job.method), target.param.type);
    if (misfits.length === 0) continue;
    const paramType = typeText(target.param.type, target.job.method);
    problems.add({
      code: 'JOBFLOOR_CHECK_HANDLER_TYPE',
      location: entry.location,
      message:
        `${capitalise(entry.table)} sends escalation '${entry.errorClass}' to node '${entry.handler.name}', whose job '${target.job.name}' takes ` +
        `@param() ${target.param.name}: ${paramType}; the TypeScript checker says ${entry.errorClass} is not assignable to it.`,
      fix:
        `Let '${target.job.name}' take @param() ${target.param.name}: ${entry.errorClass} (or a base class of it), ` +
        `or send '${entry.errorClass}' to a handler that takes it.`,
    });
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
