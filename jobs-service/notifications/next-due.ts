import type { Queryable } from '../database/database.js';

// The wait until the earliest pending notification may be claimed: its next attempt, or the end
// of the lease another deliverer holds on it. Computed by the database, against the clock that
// the claim compares with, so that a skewed process clock cannot make the deliverer wake early
// or late. NULL when nothing is pending: greatest() skips NULLs, so the empty case is spelled out
// (greatest(0, NULL) is 0, which would wake the deliverer again at once, for ever).
const NEXT_DUE_SQL = `
SELECT CASE WHEN due IS NULL THEN NULL ELSE greatest(0, ceil(extract(epoch FROM due - now()) * 1000))::double precision END AS delay_ms
FROM (SELECT min(greatest(next_attempt_at, coalesce(lease_expires_at, next_attempt_at))) AS due
      FROM notification_outbox WHERE state = 'PENDING') pending`;

/** Milliseconds until the next pending notification is due, or undefined when none is pending. */
export async function millisecondsUntilNextDue(db: Queryable): Promise<number | undefined> {
  const { rows } = await db.query<{ delay_ms: number | null }>(NEXT_DUE_SQL);
  return rows[0]?.delay_ms ?? undefined;
}
