/**
 * Governance (OfficeFloor): a flow-scoped transaction commits when its flow run completes, an
 * escalation handled inside the flow included, and rolls back when an escalation leaves the run,
 * even when an office-level handler then takes it in a run of its own. A failing commit fails the
 * run. Tested with a real PostgreSQL transaction through `provide({ scope: 'flow', dispose })`.
 */
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DependencyDisposeError,
  defineOffice,
  job,
  param,
  provide,
  type DisposeOutcome,
  type FlowsSource,
  type Office,
} from '../../framework/index.js';
import { useTestDatabase } from '../support/postgres.js';

// ---------------------------------------------------------------------------------------------
// Dependencies: a process-scoped pool and a flow-scoped transaction on one of its connections.

/** The test database's connection pool (process scope). */
class Pool {
  readonly pool: pg.Pool;

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: 10 });
  }

  /** Counts rows with `label` through a pooled connection of its own: outside any run's transaction. */
  async countOutside(label: string): Promise<number> {
    const result = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM governed_rows WHERE label = $1', [label]);
    return result.rows[0]!.n;
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** One flow run's transaction (flow scope): BEGIN on creation, COMMIT or ROLLBACK on disposal. */
class Transaction {
  constructor(readonly client: pg.PoolClient) {}

  async insert(label: string): Promise<void> {
    await this.client.query('INSERT INTO governed_rows (label) VALUES ($1)', [label]);
  }

  async count(label: string): Promise<number> {
    const result = await this.client.query<{ n: number }>('SELECT count(*)::int AS n FROM governed_rows WHERE label = $1', [label]);
    return result.rows[0]!.n;
  }
}

// ---------------------------------------------------------------------------------------------
// Errors and jobs.

/** What the failing job throws, by who is to handle it. */
type FailWith = 'nobody' | 'flow' | 'office';

interface Step {
  readonly label: string;
  readonly failWith?: FailWith;
}

class LabelledError extends Error {
  constructor(readonly label: string) {
    super(`the second job of '${label}' failed`);
  }
}
/** Nothing handles it: the invocation rejects. */
class UnhandledFailure extends LabelledError {}
/** The flow graph's escalations handle it. */
class FlowHandledFailure extends LabelledError {}
/** The office's escalations handle it, in a flow of their own. */
class OfficeHandledFailure extends LabelledError {}

const failures: Record<FailWith, new (label: string) => LabelledError> = {
  nobody: UnhandledFailure,
  flow: FlowHandledFailure,
  office: OfficeHandledFailure,
};

/** Lets `parties` concurrent jobs wait until all of them have arrived. */
class Gate {
  #arrived = 0;
  #open!: () => void;
  readonly #opened = new Promise<void>((resolve) => (this.#open = resolve));

  constructor(readonly parties: number) {}

  arrive(): Promise<void> {
    if (++this.#arrived === this.parties) this.#open();
    return this.#opened;
  }
}

let gate = new Gate(1);

interface Observation {
  readonly label: string;
  /** The first job's row as seen through the run's own transaction. */
  readonly firstRowInside: number;
  /** The first job's row as seen from another connection while the run is still going. */
  readonly firstRowOutside: number;
}

interface Held {
  readonly transaction: Transaction;
  readonly txid: string;
  readonly backendPid: number;
}

class GovernanceJobs {
  @job()
  async insertFirst(@param() step: Step, transaction: Transaction): Promise<Step> {
    await transaction.insert(`${step.label}-1`);
    return step;
  }

  /** Inserts its row, then looks at the first job's row from inside and from outside the run. */
  @job()
  async insertSecondAndLook(@param() step: Step, transaction: Transaction, pool: Pool): Promise<Observation> {
    await transaction.insert(`${step.label}-2`);
    return {
      label: step.label,
      firstRowInside: await transaction.count(`${step.label}-1`),
      firstRowOutside: await pool.countOutside(`${step.label}-1`),
    };
  }

  /** Inserts its row, then fails with the error that `failWith` names. */
  @job({ throws: [UnhandledFailure, FlowHandledFailure, OfficeHandledFailure] })
  async insertSecondThenFail(@param() step: Step, transaction: Transaction): Promise<Step> {
    await transaction.insert(`${step.label}-2`);
    throw new failures[step.failWith ?? 'nobody'](step.label);
  }

  /** The flow's own handler: it runs in the failed run, on its transaction. */
  @job()
  async handleInFlow(@param() error: FlowHandledFailure, transaction: Transaction): Promise<string> {
    await transaction.insert(`${error.label}-flow-handler`);
    return `flow handled ${error.label}`;
  }

  /** The office's handler: it runs in a run of its own, with a transaction of its own. */
  @job()
  async handleInOffice(@param() error: OfficeHandledFailure, transaction: Transaction): Promise<string> {
    await transaction.insert(`${error.label}-office-handler`);
    return `office handled ${error.label}`;
  }

  /** Holds its run's transaction until every concurrent run holds one too. */
  @job()
  async holdTransaction(@param() step: Step, transaction: Transaction): Promise<Held> {
    await transaction.insert(step.label);
    const result = await transaction.client.query<{ txid: string; pid: number }>('SELECT txid_current()::text AS txid, pg_backend_pid() AS pid');
    await gate.arrive();
    return { transaction, txid: result.rows[0]!.txid, backendPid: result.rows[0]!.pid };
  }

  /** Inserts the same value twice: fine until COMMIT checks the deferred unique constraint. */
  @job()
  async insertDuplicate(@param() value: number, transaction: Transaction): Promise<string> {
    await transaction.client.query('INSERT INTO deferred_rows (x) VALUES ($1), ($1)', [value]);
    return 'inserted twice';
  }
}

// ---------------------------------------------------------------------------------------------
// Flows, given in code.

function flow(name: string, content: Record<string, unknown>): FlowsSource {
  return { file: `test/governance/${name}.flow.json`, content: { name, ...content } };
}

const FLOWS: FlowsSource[] = [
  flow('commit-both', {
    start: 'first',
    nodes: {
      first: { job: 'GovernanceJobs.insertFirst', next: 'second' },
      second: { job: 'GovernanceJobs.insertSecondAndLook' },
    },
  }),
  flow('fail', {
    start: 'first',
    nodes: {
      first: { job: 'GovernanceJobs.insertFirst', next: 'second' },
      second: { job: 'GovernanceJobs.insertSecondThenFail' },
      handleInFlow: { job: 'GovernanceJobs.handleInFlow' },
    },
    escalations: { FlowHandledFailure: 'handleInFlow' },
  }),
  flow('office-handler', {
    start: 'handle',
    nodes: { handle: { job: 'GovernanceJobs.handleInOffice' } },
  }),
  flow('hold', {
    start: 'hold',
    nodes: { hold: { job: 'GovernanceJobs.holdTransaction' } },
  }),
  flow('duplicate', {
    start: 'insert',
    nodes: { insert: { job: 'GovernanceJobs.insertDuplicate' } },
  }),
];

// ---------------------------------------------------------------------------------------------

const db = useTestDatabase();
let observer: pg.Client;
let office: Office | undefined;
let dispose: ReturnType<typeof vi.fn<(transaction: Transaction, outcome: DisposeOutcome) => Promise<void>>>;

beforeAll(async () => {
  observer = new pg.Client({ connectionString: db.url });
  await observer.connect();
  await observer.query('CREATE TABLE governed_rows (label text NOT NULL)');
  await observer.query('CREATE TABLE deferred_rows (x int UNIQUE DEFERRABLE INITIALLY DEFERRED)');
});

afterAll(async () => {
  await observer.end();
});

beforeEach(async () => {
  await observer.query('TRUNCATE governed_rows, deferred_rows');
  gate = new Gate(1);
  dispose = vi.fn(async (transaction: Transaction, outcome: DisposeOutcome) => {
    try {
      await transaction.client.query(outcome.succeeded ? 'COMMIT' : 'ROLLBACK');
    } finally {
      transaction.client.release();
    }
  });
  office = defineOffice({
    name: 'governance',
    jobs: [GovernanceJobs],
    dependencies: [
      provide(Pool, { scope: 'process', create: () => new Pool(db.url), dispose: (pool) => pool.end() }),
      provide(Transaction, {
        scope: 'flow',
        dependsOn: [Pool],
        create: async (pool) => {
          const client = await pool.pool.connect();
          await client.query('BEGIN');
          return new Transaction(client);
        },
        dispose,
      }),
    ],
    flows: FLOWS,
    escalations: { OfficeHandledFailure: 'office-handler' },
  });
  await office.start({ logger: pino({ level: 'silent' }) });
});

afterEach(async () => {
  await office?.stop();
  office = undefined;
});

function running(): Office {
  if (office === undefined) throw new Error('the office is not running');
  return office;
}

/** The labels committed to governed_rows, sorted, as another connection sees them. */
async function committedLabels(): Promise<string[]> {
  const result = await observer.query<{ label: string }>('SELECT label FROM governed_rows ORDER BY label');
  return result.rows.map((row) => row.label);
}

describe('governance: a flow-scoped transaction', () => {
  it('commits the rows of both jobs when the flow completes, and not before', async () => {
    const observed = await running().invoke('commit-both', { label: 'a' } satisfies Step);

    // While the run was still going, its first row was visible only inside its transaction.
    expect(observed).toEqual({ label: 'a', firstRowInside: 1, firstRowOutside: 0 } satisfies Observation);
    expect(await committedLabels()).toEqual(['a-1', 'a-2']);
  });

  it('rolls back when an escalation that nothing handles leaves the flow', async () => {
    const invocation = running().invoke('fail', { label: 'b', failWith: 'nobody' } satisfies Step);

    await expect(invocation).rejects.toBeInstanceOf(UnhandledFailure);
    await expect(invocation).rejects.toMatchObject({ label: 'b', message: "the second job of 'b' failed" });
    expect(await committedLabels()).toEqual([]);
  });

  it('commits when the flow graph handles the escalation inside the flow', async () => {
    const result = await running().invoke('fail', { label: 'c', failWith: 'flow' } satisfies Step);

    expect(result).toBe('flow handled c');
    // One run, one transaction: the rows before the throw and the handler's row commit together.
    expect(await committedLabels()).toEqual(['c-1', 'c-2', 'c-flow-handler']);
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(dispose.mock.calls[0]![1]).toEqual({ succeeded: true });
  });

  it("rolls back when the escalation leaves the flow for an office handler, whose own run commits", async () => {
    const result = await running().invoke('fail', { label: 'd', failWith: 'office' } satisfies Step);

    expect(result).toBe('office handled d');
    expect(await committedLabels()).toEqual(['d-office-handler']);
    // Two runs, two transactions: the failed one rolled back, then the handler's committed.
    expect(dispose).toHaveBeenCalledTimes(2);
    const [failed, handler] = dispose.mock.calls;
    expect(failed![1].succeeded).toBe(false);
    expect(failed![1].error).toBeInstanceOf(OfficeHandledFailure);
    expect(handler![1]).toEqual({ succeeded: true });
    expect(handler![0]).not.toBe(failed![0]);
  });

  it('gives two concurrent runs two different transactions', async () => {
    gate = new Gate(2);

    const [first, second] = (await Promise.all([
      running().invoke('hold', { label: 'e-1' } satisfies Step),
      running().invoke('hold', { label: 'e-2' } satisfies Step),
    ])) as [Held, Held];

    expect(first.transaction).toBeInstanceOf(Transaction);
    expect(second.transaction).toBeInstanceOf(Transaction);
    expect(first.transaction).not.toBe(second.transaction);
    expect(first.txid).not.toBe(second.txid);
    expect(first.backendPid).not.toBe(second.backendPid);
    expect(await committedLabels()).toEqual(['e-1', 'e-2']);
    expect(dispose).toHaveBeenCalledTimes(2);
    expect(dispose.mock.calls.map((call) => call[1])).toEqual([{ succeeded: true }, { succeeded: true }]);
  });

  it('tells dispose the outcome: succeeded, or failed with the escalation', async () => {
    await running().invoke('commit-both', { label: 'f' } satisfies Step);

    expect(dispose).toHaveBeenCalledTimes(1);
    expect(dispose).toHaveBeenLastCalledWith(expect.any(Transaction), { succeeded: true });

    const error = await running()
      .invoke('fail', { label: 'g', failWith: 'nobody' } satisfies Step)
      .then(() => undefined, (rejected: unknown) => rejected);

    expect(error).toBeInstanceOf(UnhandledFailure);
    expect(dispose).toHaveBeenCalledTimes(2);
    const [transaction, outcome] = dispose.mock.calls[1]!;
    expect(transaction).toBeInstanceOf(Transaction);
    expect(outcome).toEqual({ succeeded: false, error });
    expect(outcome.error).toBe(error);
    expect(await committedLabels()).toEqual(['f-1', 'f-2']);
  });

  it('fails the run with DependencyDisposeError when COMMIT fails', async () => {
    const error = await running()
      .invoke('duplicate', 7)
      .then(() => undefined, (rejected: unknown) => rejected);

    // The flow's jobs all completed, but a run whose commit fails has not succeeded.
    expect(error).toBeInstanceOf(DependencyDisposeError);
    const disposeError = error as DependencyDisposeError;
    expect(disposeError.dependency).toBe('Transaction');
    expect(disposeError.code).toBe('JOBFLOOR_DEPENDENCY_DISPOSE_FAILED');
    expect(disposeError.cause).toBeInstanceOf(pg.DatabaseError);
    expect((disposeError.cause as pg.DatabaseError).code).toBe('23505'); // unique_violation
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(dispose.mock.calls[0]![1]).toEqual({ succeeded: true });
    const rows = await observer.query('SELECT x FROM deferred_rows');
    expect(rows.rows).toEqual([]);
  });
});
