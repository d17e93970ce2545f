import type { ParameterDeclaration, Symbol as MorphSymbol, Type } from 'ts-morph';
import type { CatalogueFlowMethod, CatalogueFlows } from './catalogue-model.js';

/**
 * Reads a job's `@flows<I>('a', 'b')` parameter: each listed method's argument and what a call
 * of it resolves with, and the methods of `I` the decorator leaves out (the runtime's flows object
 * has only the listed ones, so calling another would fail).
 */
export function readFlowInterface(parameter: ParameterDeclaration, listed: readonly string[]): CatalogueFlows {
  const interfaceType = parameter.getType();
  const methods = listed.map((name) => readFlowMethod(parameter, interfaceType.getProperty(name), name));
  const unlisted = interfaceType
    .getProperties()
    .filter((property) => !listed.includes(property.getName()) && isMethod(property, parameter))
    .map((property) => property.getName());
  return {
    parameter: parameter.getName(),
    interfaceName: parameter.getTypeNode()?.getText() ?? interfaceType.getText(parameter),
    interfaceType,
    methods,
    unlisted,
  };
}

function readFlowMethod(parameter: ParameterDeclaration, property: MorphSymbol | undefined, name: string): CatalogueFlowMethod {
  const signature = property?.getTypeAtLocation(parameter).getCallSignatures()[0];
  if (signature === undefined) return { name, argument: undefined, result: undefined, use: 'goto', declared: false };
  const argument = signature.getParameters()[0]?.getTypeAtLocation(parameter);
  const returns = signature.getReturnType();
  if (isNothing(returns)) return { name, argument, result: undefined, use: 'goto', declared: true };
  return { name, argument, result: returns.getAwaitedType() ?? returns, use: 'call', declared: true };
}

function isMethod(property: MorphSymbol, at: ParameterDeclaration): boolean {
  return property.getTypeAtLocation(at).getCallSignatures().length > 0;
}

/** `void` or `undefined`: a method whose result the job cannot use, so it calls it as a goto. */
function isNothing(type: Type): boolean {
  return type.isVoid() || type.isUndefined();
}
