import { formatIssue, type ConfigurationIssue } from './configuration-issue.js';
import { JobfloorError } from './jobfloor-error.js';

/**
 * The office found problems in its jobs, dependencies, flow graphs or teams file and did not
 * start. `issues` lists every one of them, each with its location and fix.
 */
export class OfficeStartupError extends JobfloorError {
  readonly issues: readonly ConfigurationIssue[];

  constructor(issues: readonly ConfigurationIssue[]) {
    const lines = issues.map((issue) => `  - [${issue.code}] ${formatIssue(issue)}`);
    super(
      'JOBFLOOR_OFFICE_STARTUP',
      `The office did not start: ${issues.length} problem${issues.length === 1 ? '' : 's'} found:\n${lines.join('\n')}`,
    );
    this.issues = issues;
  }
}

/** An office method was called in a lifecycle state that does not allow it. */
export class OfficeStateError extends JobfloorError {
  constructor(
    readonly operation: string,
    readonly state: string,
    fix: string,
  ) {
    super('JOBFLOOR_OFFICE_STATE', `Cannot ${operation}: the office is ${state}. ${fix}`);
  }
}

/** `invoke()` named a flow, or a start node, that the office does not have. */
export class UnknownFlowError extends JobfloorError {
  constructor(flow: string, known: readonly string[], node?: string, knownNodes?: readonly string[]) {
    if (node === undefined) {
      super(
        'JOBFLOOR_OFFICE_UNKNOWN_FLOW',
        `The office has no flow named '${flow}'; its flows are: ${list(known)}.`,
      );
    } else {
      super(
        'JOBFLOOR_OFFICE_UNKNOWN_NODE',
        `Flow '${flow}' has no node named '${node}' to start at; its nodes are: ${list(knownNodes ?? [])}.`,
      );
    }
  }
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.map((n) => `'${n}'`).join(', ');
}
