import { describe, expect, it } from 'vitest';
import type { ClaimedNotification } from '../../../jobs-service/notifications/claimed-notification.js';
import { fillTemplates, templateValues } from '../../../jobs-service/notifications/index.js';
import { notificationTemplates } from '../../../jobs-service/submission/notification-schema.js';

const uuid = '6f1c2d3e-0000-4000-8000-000000000042';

function claimed(overrides: Partial<ClaimedNotification> = {}, job: Partial<ClaimedNotification['job']> = {}): ClaimedNotification {
  return {
    id: 7,
    notificationIndex: 0,
    subscribedEvent: '*',
    persistent: true,
    target: 'http://example.org/hook',
    status: 'RUNNING',
    message: 'running on sim',
    occurred: new Date('2024-05-01T10:00:03Z'),
    attempts: 1,
    ...overrides,
    job: {
      uuid,
      name: 'my job',
      tenantId: 'acme',
      owner: 'alice',
      appId: 'sleep-1.0',
      systemId: 'sim/west',
      accepted: new Date('2024-05-01T10:00:00Z'),
      created: new Date('2024-05-01T10:00:01Z'),
      ended: null,
      remoteSubmitted: new Date('2024-05-01T10:00:02Z'),
      remoteStarted: new Date('2024-05-01T10:00:03Z'),
      remoteEnded: null,
      archive: true,
      archivePath: 'runs/a b',
      archiveSystem: 'store',
      ...job,
    },
  };
}

describe('notification templates', () => {
  it('gives every template of the submission a value, empty where it is not known yet', () => {
    const values = templateValues(claimed(), 'https://jobs.example.org');
    expect(Object.keys(values).sort()).toEqual([...notificationTemplates].sort());
    expect(values).toEqual({
      JOB_STATUS: 'RUNNING',
      JOB_URL: `https://jobs.example.org/jobs/v2/${uuid}`,
      JOB_ID: uuid,
      JOB_SYSTEM: 'sim/west',
      JOB_NAME: 'my job',
      JOB_START_TIME: '2024-05-01T10:00:03.000Z',
      JOB_END_TIME: '',
      JOB_SUBMIT_TIME: '2024-05-01T10:00:02.000Z',
      JOB_ARCHIVE_PATH: 'runs/a b',
      JOB_ARCHIVE_URL: `https://jobs.example.org/jobs/v2/${uuid}/outputs/listing`,
      JOB_ERROR: '',
    });
  });

  it('gives the message as JOB_ERROR for FAILED and BLOCKED only, and no archive for a job that does not archive', () => {
    const failed = templateValues(claimed({ status: 'FAILED', message: 'exit code 3' }, { archive: false, ended: new Date('2024-05-01T11:00:00Z') }), 'http://h');
    expect(failed).toMatchObject({ JOB_ERROR: 'exit code 3', JOB_ARCHIVE_PATH: '', JOB_ARCHIVE_URL: '', JOB_END_TIME: '2024-05-01T11:00:00.000Z' });
    expect(templateValues(claimed({ status: 'BLOCKED', message: 'sim unreachable' }), 'http://h').JOB_ERROR).toBe('sim unreachable');
    expect(templateValues(claimed({ status: 'STOPPED', message: 'cancelled' }), 'http://h').JOB_ERROR).toBe('');
  });

  it('percent-encodes each value for the part of the URL it sits in', () => {
    const values = templateValues(claimed({}, { name: 'a b&c=d/e?f#g' }), 'https://jobs.example.org');
    const url = fillTemplates('https://hooks.example.org/${JOB_ID}/${JOB_STATUS}?name=${JOB_NAME}&job=${JOB_URL}&path=${JOB_ARCHIVE_PATH}', values);
    expect(url).toBe(
      `https://hooks.example.org/${uuid}/RUNNING?name=a%20b%26c%3Dd%2Fe%3Ff%23g&job=https%3A%2F%2Fjobs.example.org%2Fjobs%2Fv2%2F${uuid}&path=runs%2Fa%20b`,
    );
    expect(new URL(url).searchParams.get('name')).toBe('a b&c=d/e?f#g');
  });

  it('fills a template each time it appears and leaves unknown names and plain text alone', () => {
    const values = templateValues(claimed(), 'http://h');
    expect(fillTemplates('http://h/${JOB_STATUS}/${JOB_STATUS}/${NOT_A_TEMPLATE}/$JOB_ID', values)).toBe('http://h/RUNNING/RUNNING/${NOT_A_TEMPLATE}/$JOB_ID');
  });
});
