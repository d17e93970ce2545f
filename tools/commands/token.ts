/**
 * `jobfloor token --tenant T --user U [--admin] [--roles a,b] [--expires 12h] [config flags]`:
 * prints a token signed with the development key of the configured data directory (creating the
 * key if needed), and nothing else on stdout, so that `TOKEN=$(npx jobfloor token ...)` works.
 * Development mode only: a production service trusts the keys of an identity provider.
 */
import { parseArgs } from 'node:util';
import { ensureDevelopmentKey, mintDevelopmentToken, usesDevelopmentKey } from '../../jobs-service/auth/index.js';
import { ConfigError, loadServiceConfig, splitServiceConfigArgs, type ServiceConfig } from '../../jobs-service/config/index.js';
import type { Command } from './command.js';

const HELP = `Usage: jobfloor token --tenant T --user U [--admin] [--roles a,b] [--expires 12h] [--data-dir DIR] [--config FILE]

Prints a bearer token signed with the development key in the data directory (created if needed).
  --tenant T      the tenant id (required)
  --user U        the user name (required)
  --admin         adds the admin role (auth.adminRole): the user administers its tenant
  --roles a,b     more roles, comma-separated
  --expires 12h   lifetime: a number and s, m, h, d or w (default 12h)
The service's flags and environment variables choose the data directory and the claim names
(docs/jobs-service/configuration.md). Development mode only.

Example: TOKEN=$(npx jobfloor token --tenant demo --user alice)`;

const tokenOptions = {
  tenant: { type: 'string' },
  user: { type: 'string' },
  admin: { type: 'boolean' },
  roles: { type: 'string' },
  expires: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type TokenArgs = ReturnType<typeof parseArgs<{ options: typeof tokenOptions; strict: true }>>['values'];

/** The refusal when the configuration does not verify tokens with the development key, or undefined. */
function developmentKeyRefusal(config: ServiceConfig): string | undefined {
  if (config.mode === 'production') {
    return 'jobfloor token: the service is in production mode (JOBFLOOR_MODE, --mode or the config file), where tokens come from your identity provider; this command signs with the development key, which only development mode trusts.';
  }
  if (!usesDevelopmentKey(config)) {
    return 'jobfloor token: auth.jwksFile, auth.publicKeyFile or auth.hs256Secret is configured, so the service does not trust the development key; sign tokens with your own key, or unset those to use the development key.';
  }
  return undefined;
}

function readTokenArgs(args: string[]): TokenArgs | string {
  try {
    const { values } = parseArgs({ args, options: tokenOptions, strict: true, allowPositionals: false });
    if (values.help !== true && (!values.tenant || !values.user)) {
      return 'jobfloor token: --tenant and --user are required, as in `jobfloor token --tenant demo --user alice`.';
    }
    return values;
  } catch (error) {
    return `jobfloor token: ${(error as Error).message}\n\n${HELP}`;
  }
}

async function run(args: string[]): Promise<number> {
  const split = splitServiceConfigArgs(args);
  const values = readTokenArgs(split.rest);
  if (typeof values === 'string') {
    console.error(values);
    return 1;
  }
  if (values.help === true) {
    console.log(HELP);
    return 0;
  }
  const config = loadServiceConfig({ argv: split.config, env: process.env });
  const refusal = developmentKeyRefusal(config);
  if (refusal !== undefined) {
    console.error(refusal);
    return 1;
  }
  const key = await ensureDevelopmentKey(config.dataDir);
  if (key.created) console.error(`jobfloor token: created the development key ${key.keyFile}`);
  const roles = values.roles?.split(',').map((role) => role.trim()).filter((role) => role !== '') ?? [];
  const options = { dataDir: config.dataDir, tenant: values.tenant!, user: values.user!, admin: values.admin === true, roles, config };
  try {
    console.log(await mintDevelopmentToken({ ...options, expiresIn: values.expires ?? '12h' }));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    console.error(`jobfloor token: --expires '${values.expires}' is not a duration; use a number and a unit such as 30m, 12h or 7d.`);
    return 1;
  }
  return 0;
}

/** The `jobfloor token` command. */
export const command: Command = {
  summary: 'print a development bearer token for a tenant and user',
  async run(args) {
    try {
      return await run(args);
    } catch (error) {
      console.error(error instanceof ConfigError ? error.message : `jobfloor token: ${(error as Error).message}`);
      return 1;
    }
  },
};
