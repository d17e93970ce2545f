import { SyntaxKind, type CallExpression, type Project } from 'ts-morph';
import { isBuiltinTypesFile } from './builtin-types.js';
import { resolvedSymbol } from './static-tokens.js';

/**
 * The `defineOffice(...)` calls in a project's own files: an office module is any module that
 * defines an office (DESIGN.md), so the tools find offices as the runtime's workers do, by the
 * call, not by a naming convention. The callee must be the framework's `defineOffice`.
 */
export function findOfficeCalls(project: Project): CallExpression[] {
  return project
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile() && !file.isInNodeModules() && !isBuiltinTypesFile(file.getFilePath()))
    .filter((file) => file.getFullText().includes('defineOffice'))
    .flatMap((file) => file.getDescendantsOfKind(SyntaxKind.CallExpression).filter(isDefineOfficeCall));
}

function isDefineOfficeCall(call: CallExpression): boolean {
  const symbol = resolvedSymbol(call.getExpression());
  if (symbol?.getName() !== 'defineOffice') return false;
  return symbol.getDeclarations().some((declaration) => /[\\/]office[\\/]office\.(d\.)?ts$/.test(declaration.getSourceFile().getFilePath()));
}
