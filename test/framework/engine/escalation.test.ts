import { describe, expect, it } from 'vitest';
import { ESCALATION_CHAIN, job, param, type OfficeDefinition } from '../../../framework/index.js';
import { capturingLogger, flowSource, startOffice } from '../../support/offices.js';

class DatabaseError extends Error {}
class SqlError extends DatabaseError {}
class TimeoutError extends Error {}

const handled: string[] = [];

/** Throws what its argument names; handlers record what they got and where. */
class RiskyJobs {
  @job()
  risky(@param() what: string): string {
    switch (what) {
      case 'sql':
        throw new SqlError('bad sql');
      case 'database':
        throw new DatabaseError('database down');
      case 'timeout':
        throw new TimeoutError('too slow');
      case 'string':
        throw 'a plain string';
      case 'remote': {
        // An error that crossed a thread boundary: plain data carrying its class names.
        const error = Object.assign(new Error('from a worker'), { [ESCALATION_CHAIN]: ['SqlError', 'DatabaseError', 'Error'] });
        throw error;
      }
      default:
        return `ok ${what}`;
    }
  }

  @job()
  onSql(@param() error: SqlError): string {
    handled.push(`onSql: ${error.message}`);
    return 'handled sql';
  }

  @job()
  onDatabase(@param() error: DatabaseError): string {
    handled.push(`onDatabase: ${error.message}`);
    return 'handled database';
  }

  @job()
  onAny(@param() error: Error): string {
    handled.push(`onAny: ${error.message}`);
    return 'handled any';
  }

  @job()
  rethrow(@param() error: Error): string {
    handled.push(`rethrow: ${error.message}`);
    throw error;
  }

  @job()
  wrapUp(@param() text: string): string {
    return `${text}, then wrapped up`;
  }

  @job()
  throwSql(@param() _error: Error): string {
    throw new SqlError('handler failed too');
  }
}

function office(nodes: Record<string, unknown>, flowEscalations?: Record<string, string>, extra: Partial<OfficeDefinition> = {}) {
  handled.length = 0;
  const flows = [
    flowSource({ name: 'main', start: 'risky', nodes, ...(flowEscalations && { escalations: flowEscalations }) }),
    flowSource({ name: 'office-any', start: 'any', nodes: { any: { job: 'RiskyJobs.onAny' } } }),
    flowSource({ name: 'office-database', start: 'db', nodes: { db: { job: 'RiskyJobs.onDatabase' }, other: { job: 'RiskyJobs.onSql' } } }),
    flowSource({ name: 'office-throws', start: 'fail', nodes: { fail: { job: 'RiskyJobs.throwSql' } } }),
  ];
  return startOffice({ jobs: [RiskyJobs], flows, ...extra });
}

const handlers = {
  onSql: { job: 'RiskyJobs.onSql' },
  onDatabase: { job: 'RiskyJobs.onDatabase' },
  onAny: { job: 'RiskyJobs.onAny', next: 'wrapUp' },
  rethrow: { job: 'RiskyJobs.rethrow' },
  wrapUp: { job: 'RiskyJobs.wrapUp' },
};

describe('escalation matching', () => {
  it("tries the throwing node's handlers before the flow's", async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky', escalations: { Error: 'onAny' } }, ...handlers }, { SqlError: 'onSql' });
    await expect(o.invoke('main', 'sql')).resolves.toBe('handled any, then wrapped up');
    expect(handled).toEqual(['onAny: bad sql']);
  });

  it('falls back to the flow level when the node has no handler for the class', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky', escalations: { TimeoutError: 'onAny' } }, ...handlers }, { SqlError: 'onSql' });
    await expect(o.invoke('main', 'sql')).resolves.toBe('handled sql');
  });

  it('picks the handler of the closest class along the prototype chain at a level', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, { Error: 'onAny', DatabaseError: 'onDatabase' });
    await expect(o.invoke('main', 'sql')).resolves.toBe('handled database');
    await expect(o.invoke('main', 'timeout')).resolves.toBe('handled any, then wrapped up');
    expect(handled).toEqual(['onDatabase: bad sql', 'onAny: too slow']);
  });

  it('matches an error that carries its class names as data the same way', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, { DatabaseError: 'onDatabase' });
    await expect(o.invoke('main', 'remote')).resolves.toBe('handled database');
  });

  it("continues along the handler's next; the end of that chain is the flow's result", async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky', next: 'wrapUp' }, ...handlers }, { Error: 'onAny' });
    await expect(o.invoke('main', 'timeout')).resolves.toBe('handled any, then wrapped up');
    await expect(o.invoke('main', 'fine')).resolves.toBe('ok fine, then wrapped up');
  });

  it('wraps a thrown non-error value in an Error with the value as its cause', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, { Error: 'onAny' });
    await o.invoke('main', 'string');
    expect(handled).toEqual(['onAny: A job threw a non-error value: a plain string']);
  });

  it('records the escalated job with its outcome and escalation class', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, { Error: 'onAny' });
    const trace = await o.trace('main', 'sql');
    expect(trace.records.map((r) => [r.node, r.outcome, r.escalation])).toEqual([
      ['risky', 'escalated', 'SqlError'],
      ['onAny', 'completed', undefined],
      ['wrapUp', 'completed', undefined],
    ]);
  });
});

describe('a handler never handles its own escalation', () => {
  it('sends what a flow-level handler throws up a level, to the office', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, { Error: 'rethrow' }, { escalations: { Error: 'office-any' } });
    await expect(o.invoke('main', 'sql')).resolves.toBe('handled any');
    expect(handled).toEqual(['rethrow: bad sql', 'onAny: bad sql']);
  });

  it('skips a node-level entry that names the node itself and tries the flow level', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky', escalations: { Error: 'risky' } }, ...handlers }, { SqlError: 'onSql' });
    await expect(o.invoke('main', 'sql')).resolves.toBe('handled sql');
  });

  it("lets a handler's escalation of another class be handled at the same level", async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers, throwSql: { job: 'RiskyJobs.throwSql' } }, { TimeoutError: 'throwSql', SqlError: 'onSql' });
    await expect(o.invoke('main', 'timeout')).resolves.toBe('handled sql');
    expect(handled).toEqual(['onSql: handler failed too']);
  });
});

describe('sub-flows', () => {
  const subflowOffice = (subEscalations?: Record<string, string>, nodeEscalations?: Record<string, string>, parentEscalations?: Record<string, string>) => {
    handled.length = 0;
    return startOffice({
      jobs: [RiskyJobs],
      flows: [
        flowSource({
          name: 'inner',
          start: 'risky',
          nodes: { risky: { job: 'RiskyJobs.risky' }, onSql: { job: 'RiskyJobs.onSql' } },
          ...(subEscalations && { escalations: subEscalations }),
        }),
        flowSource({
          name: 'outer',
          start: 'sub',
          nodes: {
            sub: { flow: 'inner', next: 'wrapUp', ...(nodeEscalations && { escalations: nodeEscalations }) },
            wrapUp: { job: 'RiskyJobs.wrapUp' },
            onDatabase: { job: 'RiskyJobs.onDatabase' },
            onAny: { job: 'RiskyJobs.onAny' },
          },
          ...(parentEscalations && { escalations: parentEscalations }),
        }),
      ],
    });
  };

  it("passes the sub-flow's result to the sub-flow node's next", async () => {
    const o = await subflowOffice();
    await expect(o.invoke('outer', 'fine')).resolves.toBe('ok fine, then wrapped up');
  });

  it("handles a sub-flow's escalation in the sub-flow first", async () => {
    const o = await subflowOffice({ SqlError: 'onSql' }, { Error: 'onAny' }, { Error: 'onAny' });
    await expect(o.invoke('outer', 'sql')).resolves.toBe('handled sql, then wrapped up');
  });

  it("then at the sub-flow node of the parent, abandoning the sub-flow's next", async () => {
    const o = await subflowOffice(undefined, { DatabaseError: 'onDatabase' }, { Error: 'onAny' });
    await expect(o.invoke('outer', 'sql')).resolves.toBe('handled database');
  });

  it('then at the parent flow', async () => {
    const o = await subflowOffice(undefined, { TimeoutError: 'onDatabase' }, { Error: 'onAny' });
    await expect(o.invoke('outer', 'sql')).resolves.toBe('handled any');
  });
});

describe('office-level and default handlers', () => {
  it('runs an office handler as a new run whose result the invocation resolves with', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, undefined, { escalations: { Error: 'office-any' } });
    await expect(o.invoke('main', 'timeout')).resolves.toBe('handled any');
  });

  it('picks the closest class among office handlers and may start at a named node', async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, undefined, {
      escalations: { Error: 'office-any', DatabaseError: 'office-database', SqlError: { flow: 'office-database', at: 'other' } },
    });
    await expect(o.invoke('main', 'sql')).resolves.toBe('handled sql');
    await expect(o.invoke('main', 'database')).resolves.toBe('handled database');
    await expect(o.invoke('main', 'timeout')).resolves.toBe('handled any');
  });

  it("rejects with an office handler's own escalation, which no office handler takes again", async () => {
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, undefined, { escalations: { TimeoutError: 'office-throws', SqlError: 'office-database' } });
    await expect(o.invoke('main', 'timeout')).rejects.toThrow('handler failed too');
    expect(handled).toEqual([]);
  });

  it('logs an unhandled escalation with its trace id, flow, node and job, tells listeners, and rejects', async () => {
    const { logger, lines } = capturingLogger();
    const o = await office({ risky: { job: 'RiskyJobs.risky' }, ...handlers }, undefined, {});
    await o.stop();
    await o.start({ logger, teams: { file: 'none', content: {} } });
    const unhandled: Array<{ traceId: string; origin: unknown }> = [];
    o.events.on('escalation:unhandled', (event) => unhandled.push(event));
    const error = await o.invoke('main', 'sql', { traceId: 'trace-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqlError);
    const line = lines.find((l) => l['level'] === 50);
    expect(line).toMatchObject({ traceId: 'trace-1', flow: 'main', node: 'risky', job: 'RiskyJobs.risky', msg: 'Unhandled escalation: SqlError: bad sql' });
    expect(unhandled).toEqual([{ error, traceId: 'trace-1', origin: { flow: 'main', node: 'risky', job: 'RiskyJobs.risky' } }]);
    expect(await o.metrics.getSingleMetricAsString('jobfloor_escalations_unhandled_total')).toContain('jobfloor_escalations_unhandled_total{flow="main"} 1');
    await o.stop();
  });
});
