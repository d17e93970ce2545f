import { z } from 'zod';

const nodeName = z
  .string()
  .regex(/^[A-Za-z_][\w.-]*$/, 'a node name starts with a letter or _ and holds letters, digits, _, . and -')
  .describe('The name of a node of this flow.');

const flowName = z
  .string()
  .regex(/^[A-Za-z0-9][\w./-]*$/, 'a flow name starts with a letter or digit and holds letters, digits, _, ., / and -')
  .describe('The name of a flow (its "name" field).');

const errorClassName = z
  .string()
  .regex(/^[A-Za-z_$][\w$]*$/, 'an escalation is named by its error class name, e.g. "SqlError"')
  .describe('An error class name; it matches that class and its subclasses, the closest class winning.');

const escalations = z
  .record(errorClassName, nodeName)
  .describe('Escalation handlers: error class name -> the node that handles it (receives the error as its @param).');

const flowLink = z.union([
  nodeName,
  z
    .object({
      to: nodeName,
      spawn: z.boolean().default(false).describe('Start the node as an independent flow run; the job does not wait for it.'),
    })
    .strict(),
]);

const position = z.object({ x: z.number(), y: z.number() }).strict().describe('Where the editor draws the node.');

const flowNode = z
  .object({
    job: z.string().min(1).optional().describe('The job this node runs: its name, "ClassName.method" unless renamed.'),
    flow: flowName.optional().describe('Run this flow as a sub-flow instead of a job; its result goes to next.'),
    next: nodeName.optional().describe('The node that receives this node\'s result. None: the flow ends here with it.'),
    flows: z
      .record(z.string().min(1), flowLink)
      .optional()
      .describe("Wires each method of the job's @flows() interface to a node of this flow."),
    escalations: escalations.optional(),
    description: z.string().optional(),
    position: position.optional(),
  })
  .strict()
  .superRefine((node, context) => {
    if ((node.job === undefined) === (node.flow === undefined)) {
      context.addIssue({ code: 'custom', message: 'A node runs either a "job" or a sub-"flow": give exactly one of them' });
    }
    if (node.flow !== undefined && node.flows !== undefined) {
      context.addIssue({ code: 'custom', path: ['flows'], message: 'A sub-flow node has no flow methods to wire; "flows" belongs on job nodes' });
    }
  })
  .meta({ id: 'FlowNode' });

/** The flow graph format (`flows/*.flow.json`): an architect's wiring of jobs. */
export const flowGraphSchema = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    name: flowName,
    description: z.string().optional(),
    start: nodeName.describe('The node a run of this flow starts at, unless invoke() names another.'),
    entries: z
      .array(nodeName)
      .optional()
      .describe(
        'Other nodes where runs begin (invoke() with { at }, e.g. where a durable continuation resumes); `jobfloor check` counts them as reached.',
      ),
    nodes: z
      .record(nodeName, flowNode)
      .refine((nodes) => Object.keys(nodes).length > 0, 'A flow needs at least one node')
      .describe('The nodes of the flow, by name.'),
    escalations: escalations.optional().describe('Flow-level escalation handlers, tried after the throwing node\'s own.'),
  })
  .strict()
  .describe('A jobfloor flow graph: jobs wired by next, flows and escalations.');

/** A validated flow graph. */
export type FlowGraph = z.output<typeof flowGraphSchema>;
/** One node of a validated flow graph. */
export type FlowGraphNode = FlowGraph['nodes'][string];
