import type { Registry } from 'prom-client';

/** One labelled series of a histogram: bucket counts, sum and count. */
export class HistogramSeries {
  sum = 0;
  count = 0;
  readonly counts: Float64Array;

  constructor(
    readonly labels: Readonly<Record<string, string>>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    let bucket = 0;
    while (bucket < this.bounds.length && value > this.bounds[bucket]!) bucket++;
    this.counts[bucket]! += 1;
    this.sum += value;
    this.count += 1;
  }
}

interface MetricValue {
  value: number;
  labels: Record<string, string | number>;
  metricName: string;
}

/**
 * A Prometheus histogram whose series the caller keeps and observes directly. prom-client's own
 * histogram hashes its labels on every observation, which costs more than a trivial job; here a
 * job's series is looked up once and each observation is a few additions. The registry reads it
 * in prom-client's format at scrape time.
 */
export class SeriesHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #series = new Map<string, HistogramSeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly bounds: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** The series for `labels` (given in `labelNames` order), created on first use. */
  series(labelValues: readonly string[]): HistogramSeries {
    const key = labelValues.join('\u0000');
    let series = this.#series.get(key);
    if (series === undefined) {
      const labels = Object.fromEntries(this.labelNames.map((name, i) => [name, labelValues[i] ?? '']));
      series = new HistogramSeries(labels, this.bounds);
      this.#series.set(key, series);
    }
    return series;
  }

  /** prom-client's metric interface: the series in exposition form. */
  async get(): Promise<{ name: string; help: string; type: 'histogram'; aggregator: 'sum'; values: MetricValue[] }> {
    const values: MetricValue[] = [];
    for (const series of this.#series.values()) values.push(...this.#values(series));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** prom-client's metric interface. */
  reset(): void {
    this.#series.clear();
  }

  #values(series: HistogramSeries): MetricValue[] {
    const values: MetricValue[] = [];
    let cumulative = 0;
    this.bounds.forEach((bound, i) => {
      cumulative += series.counts[i]!;
      values.push({ value: cumulative, labels: { ...series.labels, le: bound }, metricName: `${this.name}_bucket` });
    });
    values.push({ value: series.count, labels: { ...series.labels, le: '+Inf' }, metricName: `${this.name}_bucket` });
    values.push({ value: series.sum, labels: { ...series.labels }, metricName: `${this.name}_sum` });
    values.push({ value: series.count, labels: { ...series.labels }, metricName: `${this.name}_count` });
    return values;
  }
}
