import type { Queryable } from '../database/database.js';
import { ServiceError } from '../errors/service-error.js';

/** Who a token says the caller is, before the service's own administrator table is consulted. */
export interface Identity {
  readonly tenantId: string;
  readonly userId: string;
  readonly roles: readonly string[];
  /** The token carries the configured administrator role. */
  readonly adminByRole: boolean;
}

/** The authenticated caller of a request and what they may see. */
export interface Caller extends Identity {
  /**
   * A tenant administrator: by a role in the token or by a row in `tenant_admins` (seed 002 keeps
   * both ways). Administrators see and act on every job of their tenant; users on their own.
   */
  readonly isAdmin: boolean;
}

/** Completes an identity with the tenant administrator table. */
export async function callerFor(db: Queryable, identity: Identity): Promise<Caller> {
  if (identity.adminByRole) return { ...identity, isAdmin: true };
  const { rows } = await db.query('SELECT 1 FROM tenant_admins WHERE tenant_id = $1 AND user_id = $2', [identity.tenantId, identity.userId]);
  return { ...identity, isAdmin: rows.length > 0 };
}

/** Refuses a caller who is not an administrator of their tenant; `what` names the operation. */
export function requireAdmin(caller: Caller, what: string): void {
  if (!caller.isAdmin) {
    throw new ServiceError(
      'JOBS_FORBIDDEN',
      `Only administrators of tenant ${caller.tenantId} may ${what}; ${caller.userId} is not one. ` +
        'Ask an administrator, or have your token carry the administrator role.',
    );
  }
}
