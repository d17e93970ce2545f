import { Node, type ClassDeclaration, type Decorator, type MethodDeclaration, type ObjectLiteralExpression, type ParameterDeclaration } from 'ts-morph';
import type { DependencyGraph } from '../../framework/dependencies/dependency-graph.js';
import { IssueCollector } from '../../framework/errors/configuration-issue.js';
import { reportClassWithoutJobs, resolveParameterRoles, type ResolvedRole } from '../../framework/jobs/parameter-roles.js';
import type { CatalogueJob, CatalogueProvider, StaticToken } from './catalogue-model.js';
import { declaredEscalations } from './declared-escalations.js';
import { readFlowInterface } from './flow-interface-reader.js';
import { decoratorName, frameworkDecorator, listedFlowMethods, parameterFacts } from './parameter-facts.js';
import { fileOf } from './source-project.js';
import { evaluate } from './static-value.js';
import type { StaticTokens } from './static-tokens.js';

/** What reading jobs needs: the office's tokens and dependencies, and where problems go. */
export interface JobReadContext {
  readonly tokens: StaticTokens;
  readonly graph: DependencyGraph<StaticToken, CatalogueProvider>;
  readonly issues: IssueCollector;
}

/**
 * The jobs of one class listed in `defineOffice({ jobs })`: its `@job()` methods and those it
 * inherits (a method redeclared in the subclass is the subclass's), as the office reads them.
 */
export function readJobClass(jobClass: ClassDeclaration, context: JobReadContext): CatalogueJob[] {
  const methods = jobMethods(jobClass);
  if (methods.length === 0) {
    locate(context.issues, `${fileOf(jobClass)}:${jobClass.getStartLineNumber()}`, (issues) => reportClassWithoutJobs(className(jobClass), issues));
  }
  return methods.map(({ method, decorator }) => readJob(jobClass, method, decorator, context));
}

function jobMethods(jobClass: ClassDeclaration): Array<{ method: MethodDeclaration; decorator: Decorator }> {
  const found = new Map<string, { method: MethodDeclaration; decorator: Decorator }>();
  for (let current: ClassDeclaration | undefined = jobClass; current !== undefined; current = current.getBaseClass()) {
    for (const method of current.getInstanceMethods()) {
      const decorator = method.getDecorators().find((candidate) => decoratorName(candidate) === 'job');
      if (decorator !== undefined && !found.has(method.getName())) found.set(method.getName(), { method, decorator });
    }
  }
  return [...found.values()];
}

function readJob(jobClass: ClassDeclaration, method: MethodDeclaration, decorator: Decorator, context: JobReadContext): CatalogueJob {
  const options = jobOptions(decorator);
  const name = jobName(options) ?? `${className(jobClass)}.${method.getName()}`;
  const parameters = method.getParameters();
  const where = `${fileOf(method)}:${method.getNameNode().getStartLineNumber()}`;
  const { roles, flowMethods } = locate(context.issues, where, (issues) =>
    resolveParameterRoles(
      parameters.map((parameter) => parameterFacts(parameter, context.tokens)),
      { job: name, names: parameters.map((p) => p.getName()), providerFor: (t) => context.graph.providerFor(t), nameOf: (t) => t.name, issues },
    ),
  );
  const indexOf = (kind: ResolvedRole<unknown>['kind']): number => roles.findIndex((role) => role.kind === kind);
  const paramParameter = parameters[indexOf('param')];
  const flowsParameter = parameters[indexOf('flows')];
  const returnType = method.getReturnType();
  return {
    name,
    className: className(jobClass),
    methodName: method.getName(),
    file: fileOf(method),
    line: method.getNameNode().getStartLineNumber(),
    classDeclaration: jobClass,
    method,
    param: paramParameter === undefined ? undefined : { name: paramParameter.getName(), type: paramParameter.getType() },
    returns: returnType.getAwaitedType() ?? returnType,
    injections: roles.flatMap((role, index) => (role.kind === 'dependency' ? [{ parameter: parameters[index]!.getName(), provider: role.provider }] : [])),
    usesContext: indexOf('context') >= 0,
    flows: flowsParameter === undefined ? undefined : readFlowInterface(flowsParameter, listedMethods(flowsParameter)),
    flowMethods,
    throws: declaredEscalations(method, options),
  };
}

function listedMethods(parameter: ParameterDeclaration): string[] {
  const decorator = frameworkDecorator(parameter, 'flows');
  return decorator === undefined ? [] : listedFlowMethods(decorator);
}

function jobOptions(decorator: Decorator): ObjectLiteralExpression | undefined {
  const [options] = decorator.getArguments();
  return Node.isObjectLiteralExpression(options) ? options : undefined;
}

function jobName(options: ObjectLiteralExpression | undefined): string | undefined {
  const property = options?.getProperty('name');
  const value = Node.isPropertyAssignment(property) ? evaluate(property.getInitializerOrThrow(), { notes: [] }) : undefined;
  return typeof value === 'string' ? value : undefined;
}

function className(jobClass: ClassDeclaration): string {
  return jobClass.getName() ?? '(anonymous class)';
}

/**
 * Runs a shared start-up rule, which locates its issues by job or class name, and adds them to
 * `issues` located in the source (`file.ts:12`), so that the check's report points at the code.
 */
export function locate<R>(issues: IssueCollector, where: string, rule: (issues: IssueCollector) => R): R {
  const local = new IssueCollector();
  const result = rule(local);
  for (const issue of local.issues) issues.add({ ...issue, location: `${where} (${issue.location})` });
  return result;
}
