/**
 * The typed parameters an app declares, and the one check of a value against its declaration:
 * used for a declaration's default when the app is defined and for a submission's value when a
 * job is submitted. Types are enforced without coercion ("5" is not an integer), as seed 002's
 * "Submission Request Gotchas" ask.
 */

/** The types a parameter can be declared with. */
export const parameterTypes = ['string', 'integer', 'number', 'boolean', 'enum'] as const;
/** One of {@link parameterTypes}. */
export type ParameterType = (typeof parameterTypes)[number];

/** One scalar parameter value. */
export type ParameterScalar = string | number | boolean;
/** A parameter value: a scalar, or an array of them when the parameter is `multiple`. */
export type ParameterValue = ParameterScalar | readonly ParameterScalar[];

/** The part of a parameter declaration that a value is checked against. */
export interface ParameterShape {
  readonly type: ParameterType;
  readonly multiple?: boolean | undefined;
  readonly values?: readonly string[] | undefined;
}

function scalarProblem(shape: ParameterShape, value: unknown): string | undefined {
  switch (shape.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : 'must be a whole number (a JSON number, not a string)';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number (a JSON number, not a string)';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && (shape.values ?? []).includes(value)
        ? undefined
        : `must be one of ${(shape.values ?? []).map((option) => JSON.stringify(option)).join(', ')}`;
  }
}

/**
 * What is wrong with `value` for a parameter of `shape` (a phrase such as "must be a string"), or
 * undefined when it fits. A `multiple` parameter takes one value or an array of them.
 */
export function parameterValueProblem(shape: ParameterShape, value: unknown): string | undefined {
  if (!Array.isArray(value)) return scalarProblem(shape, value);
  if (shape.multiple !== true) return `takes one value, not an array (the app does not declare it "multiple")`;
  for (const [index, item] of value.entries()) {
    const problem = scalarProblem(shape, item);
    if (problem !== undefined) return `item ${index} ${problem}`;
  }
  return undefined;
}
