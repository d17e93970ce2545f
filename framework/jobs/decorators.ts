import 'reflect-metadata';
import type { Token } from '../dependencies/token.js';
import { declarationFor, type JobOptions } from './job-declarations.js';

/**
 * Marks a method as a job. Its parameters get their roles from `@param()`, `@flows()`,
 * `@inject()` or their type (a `JobContext`, or a class registered as a dependency).
 *
 * ```ts
 * class CacheJobs {
 *   @job()
 *   getContent(@param() key: string, cache: Cache, @flows<ContentFlows>('doGetNonCachedContent') flows: ContentFlows) { ... }
 * }
 * ```
 */
export function job(options: JobOptions = {}): MethodDecorator {
  return (target, propertyKey) => {
    const declaration = declarationFor(target, String(propertyKey));
    declaration.isJob = true;
    declaration.options = options;
  };
}

/**
 * Marks the job's argument: the previous job's return value, a flow's argument, or in an
 * escalation handler the error being handled. At most one per job.
 */
export function param(): ParameterDecorator {
  return (target, propertyKey, index) => {
    declarationFor(target, String(propertyKey)).parameters.push({ index, role: 'param' });
  };
}

/**
 * Marks the parameter that receives the job's flows: an object with one method per flow that the
 * graph wires. TypeScript interfaces do not exist at run time, so the flow methods are listed
 * here; give the interface as the type argument and the compiler checks the names:
 * `@flows<ContentFlows>('doGetNonCachedContent') flows: ContentFlows`.
 *
 * Calling a flow method without awaiting it replaces the job's next (goto); awaiting it runs the
 * flow now and returns its result (call); a link marked `spawn` starts an independent run.
 */
export function flows<Interface = Record<string, unknown>>(
  ...methods: Array<Extract<keyof Interface, string>>
): ParameterDecorator {
  return (target, propertyKey, index) => {
    declarationFor(target, String(propertyKey)).parameters.push({ index, role: 'flows', methods });
  };
}

/**
 * Injects the dependency registered under `token`: for interfaces, primitives and qualified
 * instances, which have no class of their own to be found by.
 */
export function inject(token: Token): ParameterDecorator {
  return (target, propertyKey, index) => {
    declarationFor(target, String(propertyKey)).parameters.push({ index, role: 'inject', token });
  };
}
