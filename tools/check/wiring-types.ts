import type { Type } from 'ts-morph';
import { pointer } from '../../framework/errors/configuration-issue.js';
import type { BuiltinTypes } from '../catalogue/builtin-types.js';
import { typeText } from '../catalogue/type-text.js';
import type { ProblemList } from './check-problem.js';
import { frameEnds, linkUse, receiver, valueOut, type CheckFlow, type CheckNode } from './flow-frames.js';
import { flowMethod, unassignable, unionOf, valueOf, type ValueTypes } from './value-types.js';

/**
 * Checks, with the TypeScript checker, that every value the graph moves fits where it goes: a
 * node's result (or its sub-flow's) into its next's `@param`, a flow method's argument into the
 * `@param` of the node it is wired to, and what a called flow ends with into what the method
 * promises its caller. OfficeFloor checks this when it compiles the office; here it is the
 * check's job, since the runtime sees no types.
 */
export function checkWiringTypes(flows: Iterable<CheckFlow>, builtins: BuiltinTypes, problems: ProblemList): void {
  for (const flow of flows) {
    for (const node of flow.nodes.values()) {
      checkNext(node, problems);
      for (const method of node.links.keys()) checkFlowLink(node, method, builtins, problems);
    }
  }
}

function checkNext(node: CheckNode, problems: ProblemList): void {
  const next = node.next;
  const value = valueOut(node);
  const target = next === undefined ? undefined : receiver(next);
  if (next === undefined || value === undefined || target === undefined) return;
  const misfits = unassignable(value, target.param.type);
  if (misfits.length === 0) return;
  const from = node.job !== undefined ? `job '${node.job.name}'` : `sub-flow '${node.subflow!.name}'`;
  problems.add({
    code: 'JOBFLOOR_CHECK_NEXT_TYPE',
    location: `${node.location}/next`,
    message:
      `Node '${node.name}' passes ${value.text} (from ${from}) to node '${next.name}', whose job '${target.job.name}' takes ` +
      `@param() ${target.param.name}: ${paramText(target)}; the TypeScript checker says ${describeMisfits(misfits, target)} not assignable to it.`,
    fix:
      `Point "next" of node '${node.name}' at a node that takes ${value.text}, ` +
      `or change the return type of ${from} or the @param() of '${target.job.name}' so that they agree.`,
  });
}

function checkFlowLink(node: CheckNode, method: string, builtins: BuiltinTypes, problems: ProblemList): void {
  const declared = flowMethod(node, method);
  const link = node.links.get(method)!;
  if (declared === undefined || !declared.declared) return;
  const argument: ValueTypes = declared.argument === undefined ? valueOf(builtins.undefined, node.job!.method) : valueOf(declared.argument, node.job!.method);
  const target = receiver(link.target);
  const location = `${node.location}${pointer('flows', method)}`;
  const misfits = target === undefined ? [] : unassignable(argument, target.param.type);
  if (target !== undefined && misfits.length > 0) {
    problems.add({
      code: 'JOBFLOOR_CHECK_FLOW_ARGUMENT_TYPE',
      location,
      message:
        `Flow method '${method}' of job '${node.job!.name}' passes ${argument.text} to node '${link.target.name}', whose job '${target.job.name}' takes ` +
        `@param() ${target.param.name}: ${paramText(target)}; the TypeScript checker says ${describeMisfits(misfits, target)} not assignable to it.`,
      fix:
        `Wire '${method}' of node '${node.name}' to a node that takes ${argument.text}, ` +
        `or change the argument of '${method}' in ${node.job!.flows!.interfaceName} or the @param() of '${target.job.name}'.`,
    });
  }
  if (linkUse(node, method) === 'call' && declared.result !== undefined) checkCallResult(node, method, declared.result, location, problems);
}

/** A called flow resolves the job's `await` with the value its frame ends with. */
function checkCallResult(node: CheckNode, method: string, result: Type, location: string, problems: ProblemList): void {
  const link = node.links.get(method)!;
  const ends = frameEnds(link.target, true);
  if (ends.length === 0) return;
  const value = unionOf(ends.map((end) => end.value));
  const misfits = unassignable(value, result);
  if (misfits.length === 0) return;
  const job = node.job!;
  const endNodes = ends.map((end) => `'${end.node.name}'`).join(', ');
  problems.add({
    code: 'JOBFLOOR_CHECK_CALL_RESULT_TYPE',
    location,
    message:
      `Job '${job.name}' awaits flow method '${method}' for ${typeText(result, job.method)}, but the flow it calls at node '${link.target.name}' ends ` +
      `(at ${endNodes}) with ${value.text}; the TypeScript checker says ${misfits.map((t) => typeText(t, job.method)).join(', ')} is not assignable to it.`,
    fix: `Make the called nodes end with ${typeText(result, job.method)}, or change the return type of '${method}' in ${job.flows!.interfaceName}.`,
  });
}

function paramText(target: NonNullable<ReturnType<typeof receiver>>): string {
  return typeText(target.param.type, target.job.method);
}

function describeMisfits(misfits: readonly Type[], target: NonNullable<ReturnType<typeof receiver>>): string {
  const texts = misfits.map((type) => typeText(type, target.job.method));
  return texts.length === 1 ? `${texts[0]} is` : `${texts.join(', ')} are`;
}
