/**
 * Mints tokens with the development key, for `jobfloor token`, the demo and tests. The claims
 * follow the configuration's claim names, so the service in development mode accepts them.
 */
import { importJWK, SignJWT } from 'jose';
import type { ServiceConfig } from '../config/index.js';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, ensureDevelopmentKey } from './development-key.js';

/** What a development token says. */
export interface DevelopmentTokenOptions {
  /** The data directory whose development key signs the token (created if needed). */
  readonly dataDir: string;
  /** The tenant id. */
  readonly tenant: string;
  /** The user name. */
  readonly user: string;
  /** Adds the admin role (auth.adminRole, default `admin`): the user administers its tenant. */
  readonly admin?: boolean;
  /** More roles. */
  readonly roles?: readonly string[];
  /** How long the token is valid: `30m`, `12h`, `7d`, or a number of seconds. Default `12h`. */
  readonly expiresIn?: string | number;
  /**
   * The service's configuration (a ServiceConfig, or just the part of `auth` that matters), so
   * that claim names, the admin role, issuer and audience match what the service checks.
   * Default: the configuration defaults.
   */
  readonly config?: { readonly auth?: Partial<Pick<ServiceConfig['auth'], 'tenantClaim' | 'userClaim' | 'rolesClaim' | 'adminRole' | 'issuer' | 'audience'>> };
}

/** A signed ES256 token for the development key of `options.dataDir`. */
export async function mintDevelopmentToken(options: DevelopmentTokenOptions): Promise<string> {
  const auth = { tenantClaim: 'tenant', userClaim: 'sub', rolesClaim: 'roles', adminRole: 'admin', ...definedOnly(options.config?.auth ?? {}) };
  const roles = [...new Set([...(options.roles ?? []), ...(options.admin === true ? [auth.adminRole] : [])])];
  const key = await ensureDevelopmentKey(options.dataDir);
  const token = new SignJWT({ [auth.rolesClaim]: roles, [auth.tenantClaim]: options.tenant, [auth.userClaim]: options.user })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
    .setSubject(options.user)
    .setIssuer(auth.issuer ?? DEVELOPMENT_ISSUER)
    .setAudience(auth.audience ?? DEVELOPMENT_AUDIENCE)
    .setIssuedAt();
  try {
    token.setExpirationTime(expiry(options.expiresIn ?? '12h'));
  } catch (cause) {
    throw new RangeError(`expiresIn '${options.expiresIn}' is not a duration; use a number and a unit such as 30m, 12h or 7d`, { cause });
  }
  return token.sign(await importJWK(key.privateJwk, 'ES256'));
}

/** jose reads a number as an absolute time; ours is a number of seconds from now. */
function expiry(expiresIn: string | number): string {
  return typeof expiresIn === 'number' ? `${expiresIn}s` : expiresIn;
}

function definedOnly<T extends object>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
