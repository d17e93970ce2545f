import { describe, expect, it } from 'vitest';
import { ConfigError, loadServiceConfig, PRODUCTION_NEEDS_KEY, type ConfigIssue } from '../../../jobs-service/config/index.js';
import { useTempDir } from './temp-dir.js';

const temp = useTempDir();

/** The ConfigError that loading throws. */
function configError(input: { argv?: string[]; env?: Record<string, string>; cwd?: string }): ConfigError {
  try {
    loadServiceConfig({ argv: input.argv ?? [], env: input.env ?? {}, cwd: input.cwd ?? temp.dir() });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadServiceConfig to throw a ConfigError');
}

function issues(input: Parameters<typeof configError>[0]): ConfigIssue[] {
  return [...configError(input).issues];
}

describe('configuration errors name the source and the key', () => {
  it('environment variable: names the variable and shows the text', () => {
    const error = configError({ env: { PORT: 'http' } });
    expect(error.code).toBe('JOBS_CONFIG_INVALID');
    expect(error.name).toBe('ConfigError');
    expect(error.issues).toEqual([{ source: 'environment variable PORT', key: 'port', message: 'expected an integer from 0 to 65535, got "http"' }]);
    expect(error.message).toBe(
      [
        'The jobs service configuration is invalid (1 problem):',
        '  - environment variable PORT: expected an integer from 0 to 65535, got "http"',
        'docs/jobs-service/configuration.md lists every key, environment variable and flag.',
      ].join('\n'),
    );
  });

  it('config file: names the file and the dotted key', () => {
    temp.write('jobfloor.config.json', { auth: { audience: 7 }, intake: { batchSize: 5000 } });
    const error = configError({});
    expect(error.issues).toEqual([
      { source: 'config file ./jobfloor.config.json', key: 'intake.batchSize', message: 'expected an integer from 1 to 1000, got 5000' },
      { source: 'config file ./jobfloor.config.json', key: 'auth.audience', message: 'expected a non-empty string, got 7' },
    ]);
    expect(error.message).toContain('  - config file ./jobfloor.config.json at auth.audience: expected a non-empty string, got 7');
  });

  it('flag: names the flag and shows the text', () => {
    expect(issues({ argv: ['--port', '70000', '--log-level', 'loud'] })).toEqual([
      { source: 'flag --port', key: 'port', message: 'expected an integer from 0 to 65535, got "70000"' },
      { source: 'flag --log-level', key: 'logLevel', message: "expected one of 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent', got \"loud\"" },
    ]);
  });

  it('collects every problem of every source, including a bad value that a higher source overrides', () => {
    temp.write('jobfloor.config.json', { port: 'eighty' });
    const found = issues({ argv: ['--port', '80', '--mode', 'staging'], env: { JOBFLOOR_BODY_LIMIT: '0', JOBFLOOR_PUBLIC_URL: 'ftp://x' } });
    expect(found.map((issue) => `${issue.source} | ${issue.key}`)).toEqual([
      'config file ./jobfloor.config.json | port',
      'environment variable JOBFLOOR_PUBLIC_URL | publicUrl',
      'environment variable JOBFLOOR_BODY_LIMIT | bodyLimitBytes',
      'flag --mode | mode',
    ]);
    expect(found[2]!.message).toBe('expected an integer of at least 1, got "0"');
  });

  it('names an element of a list by its index, with the variable it came from', () => {
    expect(issues({ env: { JOBFLOOR_WORKER_QUEUES: 'a,b c' } })).toEqual([
      { source: 'environment variable JOBFLOOR_WORKER_QUEUES', key: 'workerQueues.1', message: 'expected queue names without spaces or commas, got "a,b c"' },
    ]);
  });

  it('never shows a secret, only its length', () => {
    expect(issues({ env: { JOBFLOOR_AUTH_HS256_SECRET: 'short-secret' } })).toEqual([
      {
        source: 'environment variable JOBFLOOR_AUTH_HS256_SECRET',
        key: 'auth.hs256Secret',
        message: 'expected a secret of at least 32 characters; generate one with `openssl rand -base64 48`, got 12 characters (not shown)',
      },
    ]);
    const [databaseIssue] = issues({ env: { DATABASE_URL: 'mysql://user:hunter2@db/jobs' } });
    expect(databaseIssue!.message).not.toContain('hunter2');
  });
});

describe('unknown keys and flags', () => {
  it('refuses an unknown file key and suggests the close one', () => {
    temp.write('jobfloor.config.json', { prot: 1, auth: { audiense: 'x' } });
    expect(issues({})).toEqual([
      { source: 'config file ./jobfloor.config.json', key: 'auth.audiense', message: "unknown key; remove it or correct its spelling. Did you mean 'audience'?" },
      { source: 'config file ./jobfloor.config.json', key: 'prot', message: "unknown key; remove it or correct its spelling. Did you mean 'port'?" },
    ]);
  });

  it('points a key written in the wrong section to its section', () => {
    temp.write('jobfloor.config.json', { issuer: 'x', auth: { port: 1 } });
    expect(issues({}).map((issue) => issue.message)).toEqual([
      "unknown key; remove it or correct its spelling. 'port' is a top-level key; move it out of 'auth'.",
      "unknown key; remove it or correct its spelling. 'issuer' belongs in 'auth': move it to auth.issuer.",
    ]);
  });

  it('refuses unknown flags, missing values, values for switches and stray arguments, all at once', () => {
    const found = issues({ argv: ['--prot', '80', '--host', '--api=yes', '--data-dir'] });
    expect(found).toEqual([
      {
        source: 'flag --prot',
        key: '',
        message:
          "unknown flag. Did you mean '--port'? The flags are --config, --mode, --host, --port, --public-url, --data-dir, --database-url, --queues, --log-level, --api, --worker.",
      },
      { source: 'command line', key: '', message: "unexpected argument '80'; the service takes flags only, such as --port 8080" },
      { source: 'flag --host', key: '', message: 'needs a value, as in --host <value>' },
      { source: 'flag --data-dir', key: '', message: 'needs a value, as in --data-dir <value>' },
    ]);
    expect(configError({ argv: ['--api=yes'] }).message).toContain('flag --api: takes no value; give --api on its own');
  });
});

describe('the config file itself', () => {
  it('reports a file named by --config or JOBFLOOR_CONFIG that does not exist, naming what named it', () => {
    expect(issues({ argv: ['--config', 'missing.json'] })).toEqual([
      { source: 'flag --config', key: '', message: 'cannot read ./missing.json: no such file; check the path, or remove the setting to run without a config file' },
    ]);
    expect(issues({ env: { JOBFLOOR_CONFIG: 'gone.json' } })[0]!.source).toBe('environment variable JOBFLOOR_CONFIG');
  });

  it('reports a file that is not JSON, or not an object', () => {
    temp.write('jobfloor.config.json', '{ "port": 80,, }');
    const [notJson] = issues({});
    expect(notJson).toMatchObject({ source: 'config file ./jobfloor.config.json', key: '' });
    expect(notJson!.message).toMatch(/^not valid JSON: /);
    temp.write('jobfloor.config.json', '[1]');
    expect(issues({})[0]!.message).toBe('expected a JSON object of configuration keys, got an array');
  });

  it('still reports the other sources when the file is unusable', () => {
    temp.write('jobfloor.config.json', 'nope');
    expect(issues({ env: { PORT: 'x' } }).map((issue) => issue.source)).toEqual(['config file ./jobfloor.config.json', 'environment variable PORT']);
  });
});

describe('production mode', () => {
  it('needs a key to verify tokens, named after whatever set the mode', () => {
    expect(issues({ env: { JOBFLOOR_MODE: 'production' } })).toEqual([{ source: 'environment variable JOBFLOOR_MODE', key: 'mode', message: PRODUCTION_NEEDS_KEY }]);
    expect(issues({ argv: ['--mode', 'production'] })[0]!.source).toBe('flag --mode');
    temp.write('jobfloor.config.json', { mode: 'production' });
    expect(configError({}).message).toContain(
      '  - config file ./jobfloor.config.json at mode: production mode needs a key to verify tokens: set auth.jwksFile (JOBFLOOR_AUTH_JWKS_FILE), auth.publicKeyFile (JOBFLOOR_AUTH_PUBLIC_KEY_FILE) or auth.hs256Secret (JOBFLOOR_AUTH_HS256_SECRET)',
    );
  });

  it('is satisfied by a key from any source', () => {
    temp.write('jobfloor.config.json', { mode: 'production' });
    const config = loadServiceConfig({ argv: [], env: { JOBFLOOR_AUTH_JWKS_FILE: '/etc/jwks.json' }, cwd: temp.dir() });
    expect(config.mode).toBe('production');
  });
});
