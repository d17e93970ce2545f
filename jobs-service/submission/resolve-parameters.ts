/**
 * A submission's parameters against its app's typed declarations (seed 002, "Submission Request
 * Gotchas": "parameters fields - must conform to types defined in application"): unknown ids,
 * missing required ones and wrong types are errors; defaults fill in what was not given.
 */
import { didYouMean } from '../../framework/config/suggest.js';
import type { StoredApp } from '../catalog/app-repository.js';
import { parameterValueProblem, type ParameterValue } from '../catalog/parameter-values.js';
import type { FieldError } from '../validation/field-error.js';

function unknownParameter(app: StoredApp, id: string): FieldError {
  const known = Object.keys(app.parameters);
  const list = known.length === 0 ? `app '${app.id}' takes no parameters` : `its parameters are ${known.join(', ')}`;
  return { field: `parameters.${id}`, message: `app '${app.id}' has no parameter '${id}'.${didYouMean(id, known)} ${list}` };
}

/**
 * The job's parameters: each given value checked against its declaration, defaults added. Problems
 * are pushed to `errors`, one per parameter, named `parameters.<id>`.
 */
export function resolveParameters(app: StoredApp, given: Readonly<Record<string, unknown>> = {}, errors: FieldError[]): Record<string, ParameterValue> {
  errors.push(...Object.keys(given).filter((id) => !(id in app.parameters)).map((id) => unknownParameter(app, id)));
  const resolved: Record<string, ParameterValue> = {};
  for (const [id, declaration] of Object.entries(app.parameters)) {
    const value = given[id];
    if (value === undefined || (Array.isArray(value) && value.length === 0 && declaration.required === true)) {
      if (declaration.required === true) errors.push({ field: `parameters.${id}`, message: `parameter '${id}' is required by app '${app.id}'` });
      else if (declaration.default !== undefined) resolved[id] = declaration.default;
      continue;
    }
    const problem = parameterValueProblem(declaration, value);
    if (problem === undefined) resolved[id] = value as ParameterValue;
    else errors.push({ field: `parameters.${id}`, message: `parameter '${id}' ${problem}` });
  }
  return resolved;
}
