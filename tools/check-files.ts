/**
 * `npm run check` (until `jobfloor check` reads the jobs' source): validates every flow graph
 * under `flows/` and the teams file against their schemas, and the teams file's rules against its
 * teams, printing each problem with its file, JSON pointer and fix. Exits 1 on any problem.
 */
import { formatIssue, IssueCollector } from '../framework/errors/configuration-issue.js';
import { loadFlowGraphs } from '../framework/flows/flow-files.js';
import { assignTeams } from '../framework/teams/team-assignment.js';
import { loadTeamsConfig, teamsFileFromDeployment } from '../framework/teams/teams-config-loader.js';

// The deployment's teams file, and the example's own.
const teamsFiles = [teamsFileFromDeployment() ?? 'teams.config.json', 'framework/examples/get-content/teams.config.json'];

const issues = new IssueCollector();
const flows = loadFlowGraphs(['flows'], issues);
for (const file of teamsFiles) assignTeams(loadTeamsConfig(file, issues), [], issues);

for (const issue of issues.issues) console.error(`[${issue.code}] ${formatIssue(issue)}`);
const problems = `${issues.issues.length} problem${issues.issues.length === 1 ? '' : 's'}`;
console.log(`Checked ${flows.length} flow graph${flows.length === 1 ? '' : 's'} and ${teamsFiles.join(', ')}: ${problems}.`);
process.exitCode = issues.hasIssues ? 1 : 0;
