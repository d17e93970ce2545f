/** The `tenant_queues` table: a tenant's submission queues beyond the default one. */
import type { Queryable } from '../database/database.js';
import { tenantQueueName } from '../queues/select-tenant-queue.js';
import type { FieldError } from '../validation/field-error.js';
import { CatalogRepository, storedFields, withoutNulls, type CatalogTable, type StoredFields } from './catalog-repository.js';
import type { QueueDefinition } from './queue-definition.js';

/** A tenant queue as stored: its definition, its full name and bookkeeping. */
export type StoredQueue = QueueDefinition & StoredFields & { readonly queue: string };

function queueFromRow(row: Record<string, unknown>): StoredQueue {
  const definition = withoutNulls({ name: row.name, priority: row.priority, filter: row.filter, description: row.description }) as QueueDefinition;
  return { ...definition, queue: tenantQueueName(String(row.tenant_id), definition.name), ...storedFields(row) };
}

async function priorityProblems(db: Queryable, tenantId: string, queue: QueueDefinition): Promise<FieldError[]> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM tenant_queues WHERE tenant_id = $1 AND priority = $2 AND name <> $3', [tenantId, queue.priority, queue.name]);
  return rows.map((row) => ({ field: 'priority', message: `priority ${queue.priority} is taken by queue '${row.name}'; priorities are unique within a tenant` }));
}

const queuesTable: CatalogTable<QueueDefinition, StoredQueue> = {
  kind: 'queue',
  table: 'tenant_queues',
  key: 'name',
  keyOf: (queue) => queue.name,
  columns: [
    { name: 'priority', value: (queue) => queue.priority },
    { name: 'filter', value: (queue) => queue.filter, json: true },
    { name: 'description', value: (queue) => queue.description },
  ],
  fromRow: queueFromRow,
  check: priorityProblems,
};

/** The submission queues of each tenant; a priority another queue of the tenant has is refused. */
export function queueRepository(db: Queryable): CatalogRepository<QueueDefinition, StoredQueue> {
  return new CatalogRepository(db, queuesTable);
}

// Every parked priority is above every priority in use and above `floor`, and they are distinct,
// so no row ever collides with another on the way (UNIQUE (tenant_id, priority) is checked per row).
const PARK_SQL = `
UPDATE tenant_queues AS queue SET priority = parked.priority
FROM (
  SELECT name, GREATEST($3::integer, (SELECT max(priority) FROM tenant_queues WHERE tenant_id = $1)) + row_number() OVER (ORDER BY name) AS priority
  FROM tenant_queues WHERE tenant_id = $1 AND name = ANY($2::text[])
) AS parked
WHERE queue.tenant_id = $1 AND queue.name = parked.name`;

/**
 * Moves the priorities of the tenant's queues named `names` above every priority in use and above
 * `floor`, so that writing them again can give them any priorities, swaps included. Priorities are
 * unique at every statement, so without this, two queues could not trade theirs. Run it in the
 * transaction that writes the queues.
 */
export async function parkQueuePriorities(db: Queryable, tenantId: string, names: readonly string[], floor: number): Promise<void> {
  if (names.length > 0) await db.query(PARK_SQL, [tenantId, names, floor]);
}
