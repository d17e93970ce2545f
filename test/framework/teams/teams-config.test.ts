import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { defineOffice, job, param, provide, teamsFileFromDeployment, type Office } from '../../../framework/index.js';
import { flowSource, startOffice, startupIssues, teamsSource } from '../../support/offices.js';

class Pool {}
class Database {}
class Cache {}

class AppJobs {
  @job()
  readRow(@param() key: string, _db: Database): string {
    return key;
  }
  @job()
  readCached(@param() key: string, _cache: Cache, _db: Database): string {
    return key;
  }
  @job()
  computeHash(@param() key: string): string {
    return key;
  }
  @job()
  computeSum(@param() key: string): string {
    return key;
  }
  @job()
  format(@param() key: string): string {
    return key;
  }
}

const definition = {
  jobs: [AppJobs],
  dependencies: [
    provide(Pool, { scope: 'process' as const }),
    provide(Database, { scope: 'flow' as const, dependsOn: [Pool] }),
    provide(Cache, { scope: 'process' as const }),
  ],
  flows: flowSource({
    name: 'app',
    start: 'readRow',
    nodes: {
      readRow: { job: 'AppJobs.readRow', next: 'format' },
      readCached: { job: 'AppJobs.readCached' },
      computeHash: { job: 'AppJobs.computeHash', next: 'computeSum' },
      computeSum: { job: 'AppJobs.computeSum' },
      format: { job: 'AppJobs.format' },
    },
  }),
};

const teams = { db: { kind: 'event-loop', concurrency: 2 }, cache: { kind: 'event-loop', concurrency: 8 }, cpu: { kind: 'event-loop', concurrency: 1 } };

describe('team assignment', () => {
  it('assigns by job glob, by dependency through its own dependencies, and leaves the rest unassigned', async () => {
    const office = await startOffice(definition, {
      teams: teamsSource({ teams, assign: [{ job: 'AppJobs.compute*', team: 'cpu' }, { dependency: 'Pool', team: 'db' }] }),
    });
    expect(Object.fromEntries(office.teamAssignments)).toEqual({
      'AppJobs.readRow': { job: 'AppJobs.readRow', team: 'db', reason: 'assign[1] (dependency "Pool" via Pool)' },
      'AppJobs.readCached': { job: 'AppJobs.readCached', team: 'db', reason: 'assign[1] (dependency "Pool" via Pool)' },
      'AppJobs.computeHash': { job: 'AppJobs.computeHash', team: 'cpu', reason: 'assign[0] (job "AppJobs.compute*")' },
      'AppJobs.computeSum': { job: 'AppJobs.computeSum', team: 'cpu', reason: 'assign[0] (job "AppJobs.compute*")' },
      'AppJobs.format': { job: 'AppJobs.format', team: undefined, reason: "no rule: runs on the previous job's team" },
    });
    const trace = await office.trace('app', 'k');
    expect(trace.records.map((r) => [r.job, r.team])).toEqual([
      ['AppJobs.readRow', 'db'],
      ['AppJobs.format', 'db'],
    ]);
    expect((await office.trace('app', 'k', { at: 'format' })).records[0]?.team).toBe('inline');
  });

  it('lets an explicit job rule beat dependency rules, and the first matching job rule win', async () => {
    const office = await startOffice(definition, {
      teams: teamsSource({
        teams,
        assign: [
          { dependency: 'Database', team: 'db' },
          { job: 'AppJobs.readRow', team: 'inline' },
          { job: 'AppJobs.read*', team: 'cache' },
        ],
      }),
    });
    expect(office.teamAssignments.get('AppJobs.readRow')?.team).toBe('inline');
    expect(office.teamAssignments.get('AppJobs.readCached')?.team).toBe('cache');
  });

  it('refuses two dependency rules that give one job different teams, and says how to choose', async () => {
    const issues = await startupIssues(definition, {
      teams: teamsSource({ teams, assign: [{ dependency: 'Database', team: 'db' }, { dependency: 'Cache', team: 'cache' }] }),
    });
    expect(issues).toEqual([
      {
        code: 'JOBFLOOR_TEAMS_CONFLICTING_RULES',
        location: 'test/teams.config.json#/assign',
        message:
          "Job 'AppJobs.readCached' matches dependency rules that name different teams: assign[0] (via Database) -> team 'db', assign[1] (via Cache) -> team 'cache'.",
        fix: 'Add an explicit rule { "job": "AppJobs.readCached", "team": "..." } to choose its team, or change one of the dependency rules.',
      },
    ]);
  });

  it('accepts agreeing dependency rules', async () => {
    const office = await startOffice(definition, {
      teams: teamsSource({ teams, assign: [{ dependency: 'Database', team: 'db' }, { dependency: 'Pool', team: 'db' }] }),
    });
    expect(office.teamAssignments.get('AppJobs.readCached')?.team).toBe('db');
  });
});

describe('teams file validation', () => {
  it('names every problem with its JSON pointer', async () => {
    const issues = await startupIssues(definition, {
      teams: teamsSource({
        teams: { db: { kind: 'event-loop', concurrency: 0 }, pool: { kind: 'thread-pool-typo' } },
        assign: [{ job: 'AppJobs.readRow', team: 'db', extra: true }],
      }),
    });
    expect(issues.map((i) => [i.code, i.location])).toEqual([
      ['JOBFLOOR_TEAMS_INVALID', 'test/teams.config.json#/teams/db/concurrency'],
      ['JOBFLOOR_TEAMS_INVALID', 'test/teams.config.json#/teams/pool/kind'],
      ['JOBFLOOR_TEAMS_INVALID', 'test/teams.config.json#/assign/0'],
    ]);
    expect(issues[0]?.message).toBe('Too small: expected number to be >=1.');
    expect(issues[1]?.message).toContain("'kind' must be one of the known values");
    expect(issues[0]?.fix).toContain('framework/schemas/teams.schema.json');
  });

  it('refuses a rule that names an undefined team', async () => {
    const issues = await startupIssues(definition, { teams: teamsSource({ teams, assign: [{ job: 'AppJobs.format', team: 'gpu' }] }) });
    expect(issues).toEqual([
      {
        code: 'JOBFLOOR_TEAMS_UNKNOWN_TEAM',
        location: 'test/teams.config.json#/assign/0/team',
        message: "Rule assign[0] names team 'gpu', which is not defined; the teams are: 'inline', 'db', 'cache', 'cpu'.",
        fix: `Define 'gpu' under "teams", or name one of the defined teams.`,
      },
    ]);
  });

  it('reports a file that cannot be read', async () => {
    const issues = await startupIssues(definition, { teams: '/nonexistent/teams.json' });
    expect(issues).toEqual([expect.objectContaining({ code: 'JOBFLOOR_TEAMS_UNREADABLE', location: '/nonexistent/teams.json' })]);
  });
});

describe('choosing the teams file at deploy time', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'jobfloor-teams-'));
  const dbFile = path.join(directory, 'db.json');
  const cpuFile = path.join(directory, 'cpu.json');
  writeFileSync(dbFile, JSON.stringify({ teams, assign: [{ job: 'AppJobs.*', team: 'db' }] }));
  writeFileSync(cpuFile, JSON.stringify({ teams, assign: [{ job: 'AppJobs.*', team: 'cpu' }] }));
  const savedArgv = process.argv;
  const savedEnv = process.env['JOBFLOOR_TEAMS'];
  let office: Office | undefined;

  afterEach(async () => {
    process.argv = savedArgv;
    if (savedEnv === undefined) delete process.env['JOBFLOOR_TEAMS'];
    else process.env['JOBFLOOR_TEAMS'] = savedEnv;
    await office?.stop();
  });
  afterAll(() => rmSync(directory, { recursive: true }));

  it('reads --teams FILE, --teams=FILE and JOBFLOOR_TEAMS, the command line first', () => {
    expect(teamsFileFromDeployment(['node', 'app', '--teams', 'a.json'], { JOBFLOOR_TEAMS: 'b.json' })).toBe('a.json');
    expect(teamsFileFromDeployment(['node', 'app', '--teams=c.json'], {})).toBe('c.json');
    expect(teamsFileFromDeployment(['node', 'app'], { JOBFLOOR_TEAMS: 'b.json' })).toBe('b.json');
    expect(teamsFileFromDeployment(['node', 'app'], {})).toBeUndefined();
  });

  async function teamOfFormat(): Promise<string | undefined> {
    office = defineOffice({ ...definition, teams: dbFile });
    await office.start({ logger: pino({ level: 'silent' }) });
    return office.teamAssignments.get('AppJobs.format')?.team;
  }

  it("uses the definition's teams file when the deployer names none", async () => {
    process.argv = ['node', 'app'];
    delete process.env['JOBFLOOR_TEAMS'];
    expect(await teamOfFormat()).toBe('db');
  });

  it('lets JOBFLOOR_TEAMS replace it, with no code change', async () => {
    process.argv = ['node', 'app'];
    process.env['JOBFLOOR_TEAMS'] = cpuFile;
    expect(await teamOfFormat()).toBe('cpu');
  });

  it('lets --teams replace it', async () => {
    process.argv = ['node', 'app', '--teams', cpuFile];
    expect(await teamOfFormat()).toBe('cpu');
  });
});
