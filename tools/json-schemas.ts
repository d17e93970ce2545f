import { z } from 'zod';
import { flowGraphSchema } from '../framework/flows/flow-graph-schema.js';
import { teamsConfigSchema } from '../framework/teams/teams-config-schema.js';

/** The committed JSON Schema files, by path from the repository root, with their content. */
export function jsonSchemaFiles(): Record<string, string> {
  return {
    'framework/schemas/flow.schema.json': render(flowGraphSchema, 'https://jobfloor.dev/schemas/flow.schema.json'),
    'framework/schemas/teams.schema.json': render(teamsConfigSchema, 'https://jobfloor.dev/schemas/teams.schema.json'),
  };
}

function render(schema: z.ZodType, id: string): string {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    override: ({ zodSchema, jsonSchema }) => {
      // A node's "exactly one of job and flow" is a zod refinement; JSON Schema says it with oneOf.
      if (z.globalRegistry.get(zodSchema)?.id === 'FlowNode') {
        jsonSchema.oneOf = [{ required: ['job'] }, { required: ['flow'] }];
      }
    },
  });
  return `${JSON.stringify({ ...json, $id: id }, null, 2)}\n`;
}
