/**
 * `npm run check` (until `jobfloor check` reads the jobs' source): validates every flow graph
 * under `flows/` and the teams file against their schemas, and the teams file's rules against its
 * teams, printing each problem with its file, JSON pointer and fix. Exits 1 on any problem.
 */
import { formatIssue, IssueCollector } from '../framework/errors/configuration-issue.js';
import { loadFlowGraphs } from '../framework/flows/flow-files.js';
import { assignTeams } from '../framework/teams/team-assignment.js';
import { loadTeamsConfig, teamsFileFromDeployment } from '../framework/teams/teams-config-loader.js';

const issues = new IssueCollector();
const flows = loadFlowGraphs(['flows'], issues);
const teamsFile = teamsFileFromDeployment() ?? 'teams.config.json';
assignTeams(loadTeamsConfig(teamsFile, issues), [], issues);

for (const issue of issues.issues) console.error(`[${issue.code}] ${formatIssue(issue)}`);
console.log(`Checked ${flows.length} flow graph${flows.length === 1 ? '' : 's'} and ${teamsFile}: ${issues.issues.length} problem${issues.issues.length === 1 ? '' : 's'}.`);
process.exitCode = issues.hasIssues ? 1 : 0;
