/**
 * Which types the check takes to survive structured cloning to a worker thread, read by the
 * TypeScript checker from declarations (node's own types included, for streams).
 */
import path from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { uncloneablePart } from '../../../tools/check/cloneable-types.js';

const project = new Project({ compilerOptions: { strict: true, target: 99, module: 199, moduleResolution: 99, types: ['node'] } });
const file = project.createSourceFile(
  path.resolve('test/tools/check/__cloneable_types__.ts'),
  `
  import type { Readable } from 'node:stream';
  export interface Plain { readonly id: string; readonly tags: readonly string[]; readonly at: Date; readonly counts: Map<string, number>; readonly bytes: Uint8Array }
  export class DataOnly { constructor(readonly id: string, readonly score?: number) {} }
  export class WithMethod { total(): number { return 1; } }
  export class WithGetter { get size(): number { return 1; } }
  export interface WithCallback { readonly onDone: (ok: boolean) => void }
  export interface Nested { readonly items: ReadonlyArray<{ readonly key: symbol }> }
  export type Choice = Plain | WithMethod;
  export declare const values: {
    plain: Plain; dataOnly: DataOnly; withMethod: WithMethod; withGetter: WithGetter; withCallback: WithCallback;
    nested: Nested; choice: Choice; stream: Readable; lookup: Record<string, () => void>; error: Error; anything: unknown;
  };
  `,
);
const values = file.getVariableDeclarationOrThrow('values');

function partOf(name: string): string | undefined {
  const type = values.getType().getPropertyOrThrow(name).getTypeAtLocation(values);
  const part = uncloneablePart(type, values, name);
  return part === undefined ? undefined : `${part.path} ${part.reason}`;
}

describe('uncloneablePart', () => {
  it.each(['plain', 'dataOnly', 'error', 'anything'])('passes %s', (name) => {
    expect(partOf(name)).toBeUndefined();
  });

  it.each([
    ['withMethod', 'withMethod is WithMethod, an object with methods (total()) that a clone loses'],
    ['withGetter', 'withGetter is WithGetter, an object with methods (get size) that a clone loses'],
    ['withCallback', 'withCallback.onDone is a function ((ok: boolean) => void)'],
    ['nested', 'nested.items[].key is a symbol'],
    ['choice', 'choice is WithMethod, an object with methods (total()) that a clone loses'],
    ['lookup', 'lookup[key] is a function (() => void)'],
  ])('finds where %s fails', (name, found) => {
    expect(partOf(name)).toBe(found);
  });

  it('refuses a stream, whose methods a clone would lose', () => {
    expect(partOf('stream')).toMatch(/^stream is Readable, an object with methods \(/);
  });
});
