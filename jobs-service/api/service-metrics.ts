import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The Prometheus metrics of one service instance, served at `GET /metrics`. */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'jobfloor_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status code, with their durations.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly submissionsAccepted = new Counter({
    name: 'jobfloor_submissions_accepted_total',
    help: 'Job submissions accepted (answered 202).',
    labelNames: ['tenant'] as const,
    registers: [this.registry],
  });

  readonly jobsRecorded = new Counter({
    name: 'jobfloor_intake_jobs_recorded_total',
    help: 'Accepted submissions that the intake recorded as PENDING jobs.',
    registers: [this.registry],
  });

  readonly acceptToPending = new Histogram({
    name: 'jobfloor_intake_accept_to_pending_seconds',
    help: 'Time from a submission being accepted to its job being recorded as PENDING.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  readonly notificationsSettled = new Counter({
    name: 'jobfloor_notifications_settled_total',
    help: 'Notification delivery attempts by outcome (DELIVERED, RETRY, FAILED, UNDELIVERABLE).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** More registries served with this one: the lifecycle office's job metrics, in a process that runs workers. */
  readonly #more: Registry[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'jobfloor_' });
  }

  /** Serves `registry`'s metrics with the service's. */
  include(registry: Registry): void {
    this.#more.push(registry);
  }

  /** Every metric in the Prometheus text format. */
  async text(): Promise<string> {
    const texts = await Promise.all([this.registry, ...this.#more].map((registry) => registry.metrics()));
    return texts.join('\n');
  }
}
