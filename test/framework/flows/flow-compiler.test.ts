import { describe, expect, it } from 'vitest';
import { flows, job, param } from '../../../framework/index.js';
import { flowSource, startupIssues } from '../../support/offices.js';

interface PickFlows {
  left(value: string): void;
  right(value: string): void;
}

class GraphJobs {
  @job()
  pick(@param() value: string, @flows<PickFlows>('left', 'right') f: PickFlows): string {
    f.left(value);
    return value;
  }

  @job()
  show(@param() value: string): string {
    return value;
  }
}

const goodNodes = {
  pick: { job: 'GraphJobs.pick', next: 'show', flows: { left: 'show', right: { to: 'show', spawn: true } } },
  show: { job: 'GraphJobs.show' },
};

function issuesFor(...graphs: Array<Record<string, unknown> & { name: string }>) {
  return startupIssues({ jobs: [GraphJobs], flows: graphs.map(flowSource) });
}

describe('flow graph references are checked at start-up, each with its file and node', () => {
  it('an unknown job, with the closest known name', async () => {
    const issues = await issuesFor({ name: 'g', start: 'pick', nodes: { ...goodNodes, show: { job: 'GraphJobs.shw' } } });
    expect(issues).toEqual([
      {
        code: 'JOBFLOOR_FLOW_UNKNOWN_JOB',
        location: 'test/flows/g.flow.json#/nodes/show/job',
        message: "Node 'show' of flow 'g' runs job 'GraphJobs.shw', which the office does not have. Did you mean 'GraphJobs.show'?",
        fix: "Name a job of one of the office's job classes (ClassName.method), or add its class to defineOffice({ jobs }).",
      },
    ]);
  });

  it('unknown nodes as start, next, flow link and escalation target', async () => {
    const issues = await issuesFor({
      name: 'g',
      start: 'begin',
      nodes: {
        pick: { job: 'GraphJobs.pick', next: 'sho', flows: { left: 'show', right: { to: 'nowhere' } }, escalations: { Error: 'oops' } },
        show: { job: 'GraphJobs.show' },
      },
      escalations: { SqlError: 'missing' },
    });
    expect(issues.map((i) => [i.code, i.location])).toEqual([
      ['JOBFLOOR_FLOW_UNKNOWN_NODE', 'test/flows/g.flow.json#/start'],
      ['JOBFLOOR_FLOW_UNKNOWN_NODE', 'test/flows/g.flow.json#/escalations/SqlError'],
      ['JOBFLOOR_FLOW_UNKNOWN_NODE', 'test/flows/g.flow.json#/nodes/pick/next'],
      ['JOBFLOOR_FLOW_UNKNOWN_NODE', 'test/flows/g.flow.json#/nodes/pick/escalations/Error'],
      ['JOBFLOOR_FLOW_UNKNOWN_NODE', 'test/flows/g.flow.json#/nodes/pick/flows/right/to'],
    ]);
    expect(issues[2]?.message).toBe("Flow 'g' node 'pick' goes next to node 'sho', which the flow does not have. Did you mean 'show'?");
    expect(issues[2]?.fix).toBe("Name one of the flow's nodes (pick, show), or add a node 'sho'.");
  });

  it('a flow method the job does not declare, and a declared one left unwired', async () => {
    const issues = await issuesFor({
      name: 'g',
      start: 'pick',
      nodes: { pick: { job: 'GraphJobs.pick', flows: { left: 'show', rigth: 'show' } }, show: { job: 'GraphJobs.show' } },
    });
    expect(issues).toEqual([
      {
        code: 'JOBFLOOR_FLOW_UNKNOWN_FLOW_METHOD',
        location: 'test/flows/g.flow.json#/nodes/pick/flows/rigth',
        message: "Node 'pick' wires flow method 'rigth', but job 'GraphJobs.pick' declares 'left', 'right'. Did you mean 'right'?",
        fix: "Wire only the job's flow methods, or add 'rigth' to its flow interface and @flows() list.",
      },
      {
        code: 'JOBFLOOR_FLOW_UNWIRED_FLOW_METHOD',
        location: 'test/flows/g.flow.json#/nodes/pick/flows',
        message: "Node 'pick' does not wire flow method 'right' of job 'GraphJobs.pick'; the job could take it with nowhere to go.",
        fix: 'Add "flows": { "right": "<node>" } to node \'pick\'.',
      },
    ]);
  });

  it('flow methods on a job that has no @flows() parameter', async () => {
    const issues = await issuesFor({ name: 'g', start: 'show', nodes: { show: { job: 'GraphJobs.show', flows: { left: 'show' } } } });
    expect(issues[0]?.message).toBe("Node 'show' wires flow method 'left', but job 'GraphJobs.show' declares no flow methods.");
  });

  it('an unknown sub-flow, and two files with one flow name', async () => {
    const issues = await issuesFor(
      { name: 'g', start: 'sub', nodes: { sub: { flow: 'h' } } },
      { name: 'g', start: 'show', nodes: { show: { job: 'GraphJobs.show' } } },
    );
    expect(issues.map((i) => [i.code, i.location, i.message])).toEqual([
      ['JOBFLOOR_FLOW_DUPLICATE_NAME', 'test/flows/g.flow.json#/name', "Flow name 'g' is used by both test/flows/g.flow.json and test/flows/g.flow.json."],
      ['JOBFLOOR_FLOW_UNKNOWN_FLOW', 'test/flows/g.flow.json#/nodes/sub/flow', "Node 'sub' of flow 'g' runs sub-flow 'h', which does not exist. Did you mean 'g'?"],
    ]);
  });

  it("an office escalation naming an unknown flow or node", async () => {
    const issues = await startupIssues({
      jobs: [GraphJobs],
      flows: flowSource({ name: 'g', start: 'pick', nodes: goodNodes }),
      escalations: { SqlError: 'gone', TimeoutError: { flow: 'g', at: 'nope' } },
    });
    expect(issues.map((i) => [i.code, i.location])).toEqual([
      ['JOBFLOOR_FLOW_UNKNOWN_FLOW', 'office escalations/SqlError'],
      ['JOBFLOOR_FLOW_UNKNOWN_NODE', 'office escalations/TimeoutError'],
    ]);
  });
});

describe('flow graph schema', () => {
  it('names every schema problem with its JSON pointer', async () => {
    const issues = await issuesFor({
      name: 'g',
      start: 'pick',
      nodes: {
        pick: { job: 'GraphJobs.pick', flow: 'other' },
        show: {},
        'bad name': { job: 'GraphJobs.show' },
        extra: { job: 'GraphJobs.show', nxt: 'show' },
        sub: { flow: 'g', flows: { left: 'show' } },
      },
    });
    expect(issues.map((i) => [i.code, i.location, i.message])).toEqual([
      ['JOBFLOOR_FLOW_INVALID', 'test/flows/g.flow.json#/nodes/pick', 'A node runs either a "job" or a sub-"flow": give exactly one of them.'],
      ['JOBFLOOR_FLOW_INVALID', 'test/flows/g.flow.json#/nodes/show', 'A node runs either a "job" or a sub-"flow": give exactly one of them.'],
      ['JOBFLOOR_FLOW_INVALID', 'test/flows/g.flow.json#/nodes/bad name', "Invalid name 'bad name': a node name starts with a letter or _ and holds letters, digits, _, . and -."],
      ['JOBFLOOR_FLOW_INVALID', 'test/flows/g.flow.json#/nodes/extra', "Unknown key 'nxt'."],
      ['JOBFLOOR_FLOW_INVALID', 'test/flows/g.flow.json#/nodes/sub/flows', 'A sub-flow node has no flow methods to wire; "flows" belongs on job nodes.'],
    ]);
  });

  it('requires a name, a start and at least one node', async () => {
    const issues = await issuesFor({ name: 'g', nodes: {} } as never);
    expect(issues.map((i) => i.location)).toEqual(['test/flows/g.flow.json#/start', 'test/flows/g.flow.json#/nodes']);
  });
});
