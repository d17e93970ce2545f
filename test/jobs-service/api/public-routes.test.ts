import { describe, expect, it } from 'vitest';
import { useTestService } from '../../support/service-api.js';

describe('the routes without a token', () => {
  const api = useTestService('pglite');

  it('answers /health with the database engine', async () => {
    const response = await api.request('GET', '/health', { token: null });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'success', result: { healthy: true, database: 'pglite' } });
  });

  it('serves Prometheus metrics that count requests by route', async () => {
    await api.request('GET', '/jobs/v2');
    const response = await api.request('GET', '/metrics', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.body).toMatch(/jobfloor_http_request_duration_seconds_count\{method="GET",route="\/jobs\/v2",status="200"\} \d+/);
    expect(response.body).toContain('jobfloor_intake_accept_to_pending_seconds');
  });

  it('serves an OpenAPI document whose submission schema is the validating one', async () => {
    const response = await api.request('GET', '/openapi.json', { token: null });
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const reference = response.body.paths['/jobs/v2'].post.requestBody.content['application/json'].schema.$ref as string;
    expect(reference).toBe('#/components/schemas/JobSubmissionRequest');
    const submit = response.body.components.schemas.JobSubmissionRequest;
    expect(submit.required).toEqual(expect.arrayContaining(['appId', 'name']));
    expect(submit.properties.appId.maxLength).toBe(64);
    expect(submit.additionalProperties).toBe(false);
    const listParameters = response.body.paths['/jobs/v2'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(listParameters).toEqual(expect.arrayContaining(['status', 'appId', 'limit', 'cursor']));
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/jobs/v2/{id}/cancel', '/systems/v2', '/apps/v2/{id}']));
  });

  it('answers an unknown route with a 404 in the envelope', async () => {
    const response = await api.request('GET', '/nowhere');
    expect(response.status).toBe(404);
    expect(response.body.status).toBe('error');
  });
});
