// apiserver_request_total and apiserver_request_duration_seconds, counted in place: every request lands
// in a series found by three map lookups (verb, group, resource), where prom-client's labelled metrics
// hash a label object on every count and every observation (about 2 µs a request). The two metrics join
// the server's prom-client registry as metric objects of its own shape, so /metrics renders them with
// the rest, as prom-client's own Counter and Histogram would be rendered.

import type { Metric, Registry } from 'prom-client';

/** Latency bucket bounds in seconds (kube-apiserver's coarser set). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

interface Series {
  labels: { verb: string; group: string; resource: string };
  /** Requests by response code. */
  codes: Map<string, number>;
  /** Observations per bucket (not cumulative; the last is over the largest bound), their sum and count. */
  buckets: Float64Array;
  sum: number;
  count: number;
}

/** One value line as prom-client's registry renders it. */
interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** The shape prom-client's Registry reads from a registered metric. */
interface RegistryMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: string; values: MetricValue[]; aggregator: 'sum' }>;
  reset(): void;
}

export class RequestMetrics {
  private readonly byVerb = new Map<string, Map<string, Map<string, Series>>>();

  /** Counts a finished request and, unless it is a watch, its latency. */
  record(verb: string, group: string, resource: string, code: string, seconds: number): void {
    const series = this.seriesOf(verb, group, resource);
    series.codes.set(code, (series.codes.get(code) ?? 0) + 1);
    if (verb === 'watch') return;
    let bucket = 0;
    while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]!) bucket++;
    series.buckets[bucket]!++;
    series.sum += seconds;
    series.count++;
  }

  /** Adds both metrics to a registry. */
  register(registry: Registry): void {
    registry.registerMetric(this.metric('apiserver_request_total', 'Requests by verb, group, resource and HTTP response code.', 'counter', () => this.countValues()));
    registry.registerMetric(this.metric('apiserver_request_duration_seconds', 'Request latency by verb, group and resource (watches excluded).', 'histogram', () => this.latencyValues()));
  }

  private seriesOf(verb: string, group: string, resource: string): Series {
    let groups = this.byVerb.get(verb);
    if (!groups) this.byVerb.set(verb, (groups = new Map()));
    let resources = groups.get(group);
    if (!resources) groups.set(group, (resources = new Map()));
    let series = resources.get(resource);
    if (!series) {
      series = { labels: { verb, group, resource }, codes: new Map(), buckets: new Float64Array(LATENCY_BUCKETS.length + 1), sum: 0, count: 0 };
      resources.set(resource, series);
    }
    return series;
  }

  private *allSeries(): Iterable<Series> {
    for (const groups of this.byVerb.values()) for (const resources of groups.values()) yield* resources.values();
  }

  private countValues(): MetricValue[] {
    const values: MetricValue[] = [];
    for (const s of this.allSeries()) for (const [code, n] of s.codes) values.push({ labels: { ...s.labels, code }, value: n });
    return values;
  }

  private latencyValues(): MetricValue[] {
    const name = 'apiserver_request_duration_seconds';
    const values: MetricValue[] = [];
    for (const s of this.allSeries()) {
      if (s.count === 0) continue;
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((bound, i) => {
        cumulative += s.buckets[i]!;
        values.push({ labels: { le: bound, ...s.labels }, value: cumulative, metricName: `${name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: `${name}_bucket` });
      values.push({ labels: s.labels, value: s.sum, metricName: `${name}_sum` });
      values.push({ labels: s.labels, value: s.count, metricName: `${name}_count` });
    }
    return values;
  }

  private metric(name: string, help: string, type: RegistryMetric['type'], values: () => MetricValue[]): Metric {
    const metric: RegistryMetric = {
      name,
      help,
      type,
      aggregator: 'sum',
      get: async () => ({ name, help, type, values: values(), aggregator: 'sum' }),
      reset: () => this.byVerb.clear(),
    };
    // The registry's type names prom-client's own classes; it reads only what RegistryMetric declares.
    return metric as unknown as Metric;
  }
}
