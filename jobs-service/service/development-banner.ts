import { mintDevelopmentToken } from '../auth/index.js';
import { DEMO_TENANT, demoSubmission } from '../catalog/demo-tenant.js';
import type { JobsService } from './jobs-service.js';

/** Quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * What `npm start` prints in development mode: where the API is, a token for the demo tenant, and a
 * curl command that submits the demo job, ready to paste.
 */
export async function developmentBanner(service: JobsService): Promise<string> {
  const token = await mintDevelopmentToken({ dataDir: service.config.dataDir, tenant: DEMO_TENANT, user: 'demo-user', config: service.config });
  const submit = `curl -s -X POST ${service.url}/jobs/v2 -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\\n    -d ${shellQuote(JSON.stringify(demoSubmission))}`;
  return [
    '',
    `jobfloor jobs service (development mode, ${service.db.engine === 'pglite' ? `embedded database in ${service.config.dataDir}` : 'PostgreSQL'})`,
    `  API:      ${service.url}   (OpenAPI: ${service.url}/openapi.json)`,
    `  tenant:   ${DEMO_TENANT}, user demo-user; another token: npx jobfloor token --tenant ${DEMO_TENANT} --user demo-user`,
    '',
    'Submit the demo job:',
    `  TOKEN=${token}`,
    `  ${submit}`,
    '',
    'It runs to FINISHED in a few seconds. Follow it (use the id from the answer):',
    `  curl -s ${service.url}/jobs/v2/<id>/history -H "Authorization: Bearer $TOKEN"   # every status change`,
    `  curl -s ${service.url}/jobs/v2/<id>/log -H "Authorization: Bearer $TOKEN"       # and what the program printed`,
    '',
  ].join('\n');
}
