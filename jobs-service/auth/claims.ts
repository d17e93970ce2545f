/**
 * Reads the principal from a verified token's claims. The claim names come from the
 * configuration, so tokens of any identity provider can be used (Tapis, for one, uses
 * `tapis/tenant_id` and `tapis/username`). Names are taken literally: `a.b` is one claim.
 */
import type { JWTPayload } from 'jose';
import type { ServiceConfig } from '../config/index.js';
import { AuthenticationError } from './authentication-error.js';
import type { Principal } from './principal.js';

/** The configuration keys that say how claims are read. */
export type ClaimSettings = Pick<ServiceConfig['auth'], 'tenantClaim' | 'userClaim' | 'rolesClaim' | 'adminRole'>;

/** The principal of a verified token; an AuthenticationError names a missing or malformed claim. */
export function principalFromClaims(payload: JWTPayload, settings: ClaimSettings): Principal {
  const roles = Object.freeze(readRoles(payload[settings.rolesClaim], settings.rolesClaim));
  return Object.freeze({
    tenantId: readName(payload, settings.tenantClaim, 'auth.tenantClaim', 'tenant'),
    userId: readName(payload, settings.userClaim, 'auth.userClaim', 'user'),
    roles,
    adminByRole: roles.includes(settings.adminRole),
  });
}

function readName(payload: JWTPayload, claim: string, configKey: string, what: string): string {
  const value = payload[claim];
  if (value === undefined || value === null) {
    throw new AuthenticationError(
      `the token has no '${claim}' claim, which names the ${what}; issue tokens with it, or set ${configKey} to the claim your tokens use`,
    );
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AuthenticationError(`the token's '${claim}' claim (named by ${configKey}) must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

/** Roles as an array of strings or one string separated by commas or spaces; none when absent. */
function readRoles(value: unknown, claim: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((role) => role !== '');
  if (Array.isArray(value) && value.every((role) => typeof role === 'string')) return value.filter((role) => role !== '');
  throw new AuthenticationError(
    `the token's '${claim}' claim (named by auth.rolesClaim) must be an array of strings or a comma- or space-separated string, got ${describe(value)}`,
  );
}

function describe(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}
