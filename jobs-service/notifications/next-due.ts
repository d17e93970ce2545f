import type { Queryable } from '../database/database.js';

// The wait until the earliest pending notification may be claimed: its next attempt, or the end
// of the lease another deliverer holds on it. Computed by the database, against the clock that
// the claim compares with, so that a skewed process clock cannot make the deliverer wake early
// or late. NULL when nothing is pending.
const NEXT_DUE_SQL = `
SELECT greatest(0, ceil(extract(epoch FROM min(greatest(next_attempt_at, coalesce(lease_expires_at, next_attempt_at))) - now()) * 1000))::double precision AS delay_ms
FROM notification_outbox WHERE state = 'PENDING'`;

/** Milliseconds until the next pending notification is due, or undefined when none is pending. */
export async function millisecondsUntilNextDue(db: Queryable): Promise<number | undefined> {
  const { rows } = await db.query<{ delay_ms: number | null }>(NEXT_DUE_SQL);
  return rows[0]?.delay_ms ?? undefined;
}
