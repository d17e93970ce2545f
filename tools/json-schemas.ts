import { z } from 'zod';
import { flowGraphSchema } from '../framework/flows/flow-graph-schema.js';
import { teamsConfigSchema } from '../framework/teams/teams-config-schema.js';
import { definitionFileSchema, definitionSchemaFile } from '../jobs-service/catalog/definition-files.js';
import { definitionKinds } from '../jobs-service/catalog/parse-definition.js';
import { allFilterOperators, filterFields } from '../jobs-service/queues/queue-filter.js';

/** The committed JSON Schema files, by path from the repository root, with their content. */
export function jsonSchemaFiles(): Record<string, string> {
  return {
    'framework/schemas/flow.schema.json': render(flowGraphSchema, 'https://jobfloor.dev/schemas/flow.schema.json'),
    'framework/schemas/teams.schema.json': render(teamsConfigSchema, 'https://jobfloor.dev/schemas/teams.schema.json'),
    ...definitionSchemaFiles(),
  };
}

/** The schemas of `jobfloor import systems|apps|queues` files, which editors use through their `$schema`. */
function definitionSchemaFiles(): Record<string, string> {
  const entries = definitionKinds.map((kind) => {
    const file = definitionSchemaFile(kind);
    return [`jobs-service/schemas/${file}`, render(definitionFileSchema(kind), `https://jobfloor.dev/schemas/${file}`)] as const;
  });
  return Object.fromEntries(entries);
}

type JsonSchemaObject = z.core.JSONSchema.BaseSchema;

/**
 * What zod refinements check that JSON Schema can say too, by the `meta({ id })` of the schema:
 * editors then flag the mistake and complete the names.
 */
const refinementsAsJsonSchema: Readonly<Record<string, (jsonSchema: JsonSchemaObject) => void>> = {
  // A node's "exactly one of job and flow".
  FlowNode: (jsonSchema) => {
    jsonSchema.oneOf = [{ required: ['job'] }, { required: ['flow'] }];
  },
  // A filter is exactly one of its four forms; a comparison names a known field and operator.
  QueueFilter: (jsonSchema) => {
    jsonSchema.oneOf = [{ required: ['all'] }, { required: ['any'] }, { required: ['not'] }, { required: ['field', 'op', 'value'] }];
    const properties = jsonSchema.properties as Record<string, JsonSchemaObject>;
    properties['field'] = { ...properties['field'], enum: Object.keys(filterFields) };
    properties['op'] = { ...properties['op'], enum: [...allFilterOperators] };
  },
};

function render(schema: z.ZodType, id: string): string {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    override: ({ zodSchema, jsonSchema }) => {
      const schemaId = z.globalRegistry.get(zodSchema)?.id;
      if (schemaId !== undefined) refinementsAsJsonSchema[schemaId]?.(jsonSchema);
    },
  });
  return `${JSON.stringify({ ...json, $id: id }, null, 2)}\n`;
}
