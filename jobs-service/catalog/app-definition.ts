/**
 * App definitions (issue 4): what an app runs (an argv template on one execution system), the
 * inputs and typed parameters it declares, and the defaults a submission falls back to. Seed
 * 002 checks submissions against them ("parameters fields - must conform to types defined in
 * application").
 */
import { z } from 'zod';
import { catalogId, memoryAmount, positiveCount, runTime } from './definition-fields.js';
import { parseInputLocation, pathProblem } from './input-locations.js';
import { parameterTypes, parameterValueProblem } from './parameter-values.js';

const declarationId = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a parameter or input id starts with a letter or _ and holds letters, digits and _ (it is used as ${id} in the command)')
  .max(64, 'a parameter or input id is at most 64 characters');

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A typed parameter of an app. */
export const parameterDeclarationSchema = z
  .object({
    type: z.enum(parameterTypes, { error: `type must be one of ${parameterTypes.join(', ')}` }),
    description: z.string().max(1024).optional(),
    required: z.boolean().optional().describe('A submission must give it. Default false. A parameter with a default is never missing, so it cannot be required.'),
    multiple: z.boolean().optional().describe('The value may be an array of values of the type. Default false.'),
    values: z.array(z.string().min(1)).min(1).optional().describe('The allowed values of an "enum" parameter.'),
    default: z.union([scalar, z.array(scalar)]).optional().describe('The value when a submission gives none.'),
  })
  .strict()
  .superRefine((declaration, context) => {
    if (declaration.type === 'enum' && declaration.values === undefined) context.addIssue({ code: 'custom', path: ['values'], message: 'an "enum" parameter lists its allowed values in values' });
    if (declaration.type !== 'enum' && declaration.values !== undefined) context.addIssue({ code: 'custom', path: ['values'], message: `values belongs to "enum" parameters only; remove it or make the type "enum"` });
    if (declaration.required === true && declaration.default !== undefined) {
      context.addIssue({ code: 'custom', path: ['required'], message: 'a parameter with a default is never missing; drop required or the default' });
    }
    const problem = declaration.default === undefined ? undefined : parameterValueProblem(declaration, declaration.default);
    if (problem !== undefined) context.addIssue({ code: 'custom', path: ['default'], message: `the default ${problem}` });
  });

/** A validated parameter declaration. */
export type ParameterDeclaration = z.output<typeof parameterDeclarationSchema>;

const inputLocation = z.string().superRefine((text, context) => {
  const location = parseInputLocation(text);
  if (location.kind === 'invalid') context.addIssue({ code: 'custom', message: location.problem });
});

/** An input file of an app. */
export const inputDeclarationSchema = z
  .object({
    description: z.string().max(1024).optional(),
    required: z.boolean().optional().describe('A submission must give it. Default false.'),
    multiple: z.boolean().optional().describe('A submission may give an array of locations. Default false.'),
    default: z.union([inputLocation, z.array(inputLocation).min(1)]).optional().describe('The location(s) when a submission gives none.'),
  })
  .strict()
  .superRefine((declaration, context) => {
    if (Array.isArray(declaration.default) && declaration.multiple !== true) {
      context.addIssue({ code: 'custom', path: ['default'], message: 'an array default needs "multiple": true' });
    }
    if (declaration.required === true && declaration.default !== undefined) {
      context.addIssue({ code: 'custom', path: ['required'], message: 'an input with a default is never missing; drop required or the default' });
    }
  });

/** A validated input declaration. */
export type InputDeclaration = z.output<typeof inputDeclarationSchema>;

/** The `${name}` placeholders of a command argument. */
export function placeholders(argument: string): string[] {
  return [...argument.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1]!);
}

const archivePath = z
  .string()
  .max(255, 'defaultArchivePath is longer than 255 characters')
  .superRefine((path, context) => {
    const problem = path === '' ? undefined : pathProblem(path);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });

/** One app definition, as in a definition file and the REST API. */
export const appDefinitionSchema = z
  .object({
    id: catalogId('id').describe('The app id, unique within the tenant; submissions name it in appId.'),
    version: z.string().min(1, 'version must not be empty').max(64, 'version is longer than 64 characters'),
    description: z.string().max(1024).optional(),
    executionSystem: catalogId('executionSystem').describe('The execution system the app runs on; submissions cannot change it.'),
    command: z
      .array(z.string().min(1, 'a command argument must not be empty'))
      .min(1, 'command needs at least the program to run')
      .describe('The argv to run: the program, then its arguments; ${id} stands for the value of a parameter or input.'),
    inputs: z.record(declarationId, inputDeclarationSchema).default({}).describe('The input files, by id.'),
    parameters: z.record(declarationId, parameterDeclarationSchema).default({}).describe('The typed parameters, by id.'),
    defaultBatchQueue: catalogId('defaultBatchQueue', 128).optional().describe("A batch queue of the execution system. Default: the system's default queue."),
    defaultNodeCount: positiveCount('defaultNodeCount').optional().describe('Default 1.'),
    defaultProcessorsPerNode: positiveCount('defaultProcessorsPerNode').optional().describe('Default 1.'),
    defaultMemoryPerNode: memoryAmount('defaultMemoryPerNode', 'default').optional().describe('Default "1GB".'),
    defaultMaxRunTime: runTime('defaultMaxRunTime', 'default').optional().describe('Default "01:00:00".'),
    defaultArchiveSystem: catalogId('defaultArchiveSystem').optional().describe('A storage system for job archives.'),
    defaultArchivePath: archivePath.optional().describe('The archive path used when a submission gives archivePath "".'),
    inputSystem: catalogId('inputSystem').optional().describe('The storage system that relative input paths are read from.'),
  })
  .strict()
  .superRefine((app, context) => {
    const inputs = Object.keys(app.inputs ?? {});
    const parameters = new Set(Object.keys(app.parameters ?? {}));
    for (const id of inputs.filter((input) => parameters.has(input))) {
      context.addIssue({ code: 'custom', path: ['inputs', id], message: `'${id}' is both an input and a parameter; ${'${'}${id}} must name one` });
    }
    (app.command ?? []).forEach((argument, index) => {
      for (const name of placeholders(argument).filter((id) => !parameters.has(id) && !inputs.includes(id))) {
        context.addIssue({ code: 'custom', path: ['command', index], message: `${'${'}${name}} names no parameter or input of the app; declare it or remove it` });
      }
    });
  })
  .meta({ id: 'AppDefinition' });

/** A validated app definition. */
export type AppDefinition = z.output<typeof appDefinitionSchema>;
