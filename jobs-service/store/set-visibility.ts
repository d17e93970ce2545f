import type { Caller } from '../access/caller.js';
import type { Database } from '../database/database.js';
import { findRecordedJob } from './find-job.js';

/**
 * Hides a job from listings and history, or shows it again (seed 002's hide and unhide; allowed in
 * every recorded state). Doing it twice is harmless; the answer says whether anything changed.
 */
export async function setVisibility(db: Database, caller: Caller, uuid: string, visible: boolean): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const job = await findRecordedJob(tx, caller, uuid, visible ? 'unhide' : 'hide', { forUpdate: true });
    if (job.visible === visible) return { changed: false };
    await tx.query('UPDATE jobs SET visible = $2, last_updated = clock_timestamp() WHERE uuid = $1', [uuid, visible]);
    return { changed: true };
  });
}
