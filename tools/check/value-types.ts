import type { Node, Type } from 'ts-morph';
import type { CompiledNode } from '../../framework/flows/flow-plan.js';
import type { CatalogueJob } from '../catalogue/catalogue-model.js';
import { typeText } from '../catalogue/type-text.js';

/**
 * The types a value may have, one per union member. A union is assignable to a type when each
 * member is, so a value's members can be collected from several nodes (every end of a sub-flow)
 * and checked one by one with the TypeScript checker.
 */
export interface ValueTypes {
  readonly members: readonly Type[];
  /** How messages write it. */
  readonly text: string;
}

/** The value of a whole type. */
export function valueOf(type: Type, at: Node): ValueTypes {
  return { members: type.isUnion() ? type.getUnionTypes() : [type], text: typeText(type, at) };
}

/** Values from several places: `A | B`, each member once. */
export function unionOf(values: readonly ValueTypes[]): ValueTypes {
  const members = [...new Set(values.flatMap((value) => value.members))];
  const texts = [...new Set(values.map((value) => value.text))];
  return { members, text: texts.join(' | ') };
}

/**
 * What a job node passes to its next. A job that can take a goto returns something on that path
 * too (`return undefined`, as the framework's examples do), which the engine ignores because the
 * goto's node runs instead of next; so `undefined` and `void` are left out of its result.
 */
export function nextValue(node: CompiledNode<CatalogueJob>): ValueTypes {
  const job = node.job!;
  const whole = valueOf(job.returns, job.method);
  if (!takesGoto(node)) return whole;
  const members = whole.members.filter((member) => !member.isUndefined() && !member.isVoid());
  if (members.length === whole.members.length) return whole;
  return { members, text: members.length === 0 ? 'nothing' : members.map((member) => typeText(member, job.method)).join(' | ') };
}

/**
 * True when the job has a flow method it calls without awaiting (a goto) that this node does not
 * wire as a spawn. (An unwired method counts: start-up refuses that on its own.)
 */
export function takesGoto(node: CompiledNode<CatalogueJob>): boolean {
  const methods = node.job?.flows?.methods ?? [];
  return methods.some((method) => method.use === 'goto' && node.links.get(method.name)?.spawn !== true);
}

/** The catalogue's reading of one of a node's flow methods. */
export function flowMethod(node: CompiledNode<CatalogueJob>, method: string): NonNullable<CatalogueJob['flows']>['methods'][number] | undefined {
  return node.job?.flows?.methods.find((candidate) => candidate.name === method);
}

/**
 * The members of `value` that the checker says are not assignable to `target`; empty when all
 * are. A generic `@param` is checked against its constraint; `any` and `unknown` take anything.
 */
export function unassignable(value: ValueTypes, target: Type): Type[] {
  const receiver = target.isTypeParameter() ? target.getConstraint() : target;
  if (receiver === undefined || receiver.isAny() || receiver.isUnknown()) return [];
  return value.members.filter((member) => !member.isAssignableTo(receiver));
}
