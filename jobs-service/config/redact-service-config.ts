import type { ServiceConfig } from './config-schema.js';

/**
 * A copy of the configuration that is safe to log or print: the HS256 secret is replaced and
 * the password of the database URL masked.
 */
export function redactServiceConfig(config: ServiceConfig): ServiceConfig {
  return {
    ...config,
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: maskPassword(config.databaseUrl) }),
    auth: { ...config.auth, ...(config.auth.hs256Secret === undefined ? {} : { hs256Secret: '(hidden)' }) },
  };
}

function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(hidden)';
  }
}
