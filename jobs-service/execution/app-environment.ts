/**
 * The environment an app runs with. Apps do not inherit the worker's environment: it holds the
 * service's secrets (DATABASE_URL, key files), and a submitted app is not trusted with them. They
 * get the few variables that programs expect to find, then what the caller adds.
 */

/** The worker's variables that an app inherits when set. */
export const INHERITED_VARIABLES = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'] as const;

/** The inherited variables from `source`, overridden and extended by `extra`. */
export function appEnvironment(extra: Readonly<Record<string, string>> = {}, source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const inherited = INHERITED_VARIABLES.flatMap((name) => (source[name] === undefined ? [] : [[name, source[name]] as const]));
  return { ...Object.fromEntries(inherited), ...extra };
}
