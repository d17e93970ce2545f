import type { Queryable } from '../database/database.js';

/**
 * What became of one attempt: sent; to be tried again after a delay; given up; or impossible to
 * send at all (an email address with no mail server configured).
 */
export type Settlement =
  | { readonly outcome: 'DELIVERED' }
  | { readonly outcome: 'RETRY'; readonly error: string; readonly delayMs: number }
  | { readonly outcome: 'FAILED'; readonly error: string }
  | { readonly outcome: 'UNDELIVERABLE'; readonly error: string };

// One statement records the outcome and releases the lease. It only touches the row while
// `owner` still holds it: if this deliverer was so slow that its lease ran out and another one
// took the notification over, the other one's attempt is the one that counts (the receiver may
// then have seen it twice: delivery is at least once, and the body's id lets it tell).
const SETTLE_SQL = `
UPDATE notification_outbox SET
  state = CASE WHEN $3::text = 'RETRY' THEN 'PENDING' ELSE $3::text END,
  delivered_at = CASE WHEN $3::text = 'DELIVERED' THEN clock_timestamp() END,
  finished_at = CASE WHEN $3::text = 'RETRY' THEN NULL ELSE clock_timestamp() END,
  next_attempt_at = CASE WHEN $3::text = 'RETRY' THEN clock_timestamp() + $5::double precision * interval '1 millisecond' ELSE next_attempt_at END,
  last_error = $4::text,
  lease_owner = NULL,
  lease_expires_at = NULL
WHERE id = $1 AND lease_owner = $2`;

/**
 * Records the outcome of the attempt `owner` made at notification `id`. Resolves false when the
 * lease had already passed to another deliverer, so nothing was recorded.
 */
export async function settleNotification(db: Queryable, id: number, owner: string, settlement: Settlement): Promise<boolean> {
  const error = settlement.outcome === 'DELIVERED' ? null : settlement.error;
  const delayMs = settlement.outcome === 'RETRY' ? settlement.delayMs : 0;
  const { rowCount } = await db.query(SETTLE_SQL, [id, owner, settlement.outcome, error, delayMs]);
  return rowCount === 1;
}
