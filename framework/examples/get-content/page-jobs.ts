import pg from 'pg';
import { job, param } from '../../index.js';

/** The jobs that turn content, or its absence, into the page the caller gets. */
export class PageJobs {
  @job()
  useContent(@param() content: string): string {
    return `200 ${content}`;
  }

  @job()
  showNotFound(@param() key: string): string {
    return `404 no content for '${key}'`;
  }

  /** The catch block of the seed's example, as a job of its own: it handles SQL errors. */
  @job()
  showError(@param() error: pg.DatabaseError): string {
    return `503 the content database failed: ${error.message}`;
  }
}
