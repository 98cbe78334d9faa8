// Accumulates simulated requests into Istio-style counters and latency histograms, one accumulator per
// cluster.
//
// Counters are floats that grow by expected values: a flow of r requests/s over a tick of dt seconds adds
// r·dt requests, of which errorRatio·r·dt are 500s, and n·F(le) to each latency bucket. Fractional counts
// are valid Prometheus counter values, and because nothing is rounded, rate() over any window reproduces
// the configured error ratio and latency distribution. With jitter j > 0 each flow's tick volume and error
// fraction are scaled by independent factors uniform in [1−j, 1+j] drawn from the injected RandomSource,
// which keeps every increment non-negative (counters stay monotonic) and the long-run means unchanged.

import { FLOW_LABEL_NAMES, type FlowLabels } from './istio-labels.js';
import { labelText } from './exposition.js';
import { ISTIO_DURATION_BUCKETS_MS, type LatencyModel } from './latency.js';
import type { RandomSource } from './random.js';
import type { TrafficFlow } from './traffic-flow.js';

export const OK_RESPONSE_CODE = '200';
export const ERROR_RESPONSE_CODE = '500';

/** Label names of a request series, in exposition order. */
export const SERIES_LABEL_NAMES: readonly string[] = [...FLOW_LABEL_NAMES, 'response_code', 'cluster'];

export interface RequestSeries {
  readonly labels: FlowLabels;
  readonly responseCode: string;
  /** Escaped `name="value",...` of every label, without braces. */
  readonly labelText: string;
  /** Requests so far: istio_requests_total and istio_request_duration_milliseconds_count. */
  count: number;
  /** Milliseconds so far: istio_request_duration_milliseconds_sum. */
  sum: number;
  /** Cumulative count at or below each bound of ISTIO_DURATION_BUCKETS_MS. */
  readonly buckets: Float64Array;
}

export interface TrafficAccumulatorOptions {
  readonly cluster: string;
  /** Scale of per-tick noise in [0, 1); 0 (the default) means exact expected values. */
  readonly jitter?: number;
  /** Required when jitter > 0. */
  readonly random?: RandomSource;
}

interface SeriesPair {
  ok?: RequestSeries;
  error?: RequestSeries;
}

export class TrafficAccumulator {
  readonly cluster: string;
  private readonly jitter: number;
  private readonly random: RandomSource | undefined;
  private byObject = new WeakMap<FlowLabels, SeriesPair>();
  private readonly byKey = new Map<string, SeriesPair>();
  private readonly all: RequestSeries[] = [];
  private sorted = true;

  constructor(options: TrafficAccumulatorOptions) {
    const jitter = options.jitter ?? 0;
    if (!(jitter >= 0 && jitter < 1)) throw new RangeError(`jitter must be in [0, 1), got ${jitter}`);
    if (jitter > 0 && !options.random) throw new RangeError('jitter needs a seeded random source');
    this.cluster = options.cluster;
    this.jitter = jitter;
    this.random = options.random;
  }

  /** Adds dtSeconds of every flow. Flows with no rate add nothing. */
  tick(flows: readonly TrafficFlow[], dtSeconds: number): void {
    if (!(dtSeconds > 0)) return;
    for (const flow of flows) {
      if (!(flow.rate > 0)) continue;
      let requests = flow.rate * dtSeconds;
      let errorRatio = Math.min(1, Math.max(0, flow.errorRatio));
      if (this.jitter > 0) {
        requests *= 1 + this.jitter * (2 * this.random!() - 1);
        errorRatio = Math.min(1, errorRatio * (1 + this.jitter * (2 * this.random!() - 1)));
      }
      const pair = this.pairFor(flow.labels);
      const ok = requests * (1 - errorRatio);
      const errors = requests * errorRatio;
      if (ok > 0) add((pair.ok ??= this.create(flow.labels, OK_RESPONSE_CODE)), ok, flow.latency);
      if (errors > 0) add((pair.error ??= this.create(flow.labels, ERROR_RESPONSE_CODE)), errors, flow.latency);
    }
  }

  /** Every series, ordered by label text. */
  series(): readonly RequestSeries[] {
    if (!this.sorted) {
      this.all.sort((a, b) => (a.labelText < b.labelText ? -1 : a.labelText > b.labelText ? 1 : 0));
      this.sorted = true;
    }
    return this.all;
  }

  /** Drops the series whose labels satisfy the predicate (e.g. of a deleted Service); returns how many. */
  removeWhere(predicate: (labels: FlowLabels) => boolean): number {
    const before = this.all.length;
    const keep = this.all.filter((s) => !predicate(s.labels));
    if (keep.length === before) return 0;
    this.all.length = 0;
    this.all.push(...keep);
    for (const [key, pair] of this.byKey) {
      const labels = (pair.ok ?? pair.error)?.labels;
      if (labels && predicate(labels)) this.byKey.delete(key);
    }
    // Stale object-keyed entries would resurrect dropped series without listing them; start afresh.
    this.byObject = new WeakMap();
    return before - keep.length;
  }

  private pairFor(labels: FlowLabels): SeriesPair {
    let pair = this.byObject.get(labels);
    if (pair) return pair;
    let key = '';
    for (const name of FLOW_LABEL_NAMES) key += `${labels[name]}\u0000`;
    pair = this.byKey.get(key);
    if (!pair) {
      pair = {};
      this.byKey.set(key, pair);
    }
    this.byObject.set(labels, pair);
    return pair;
  }

  private create(labels: FlowLabels, responseCode: string): RequestSeries {
    const values = [...FLOW_LABEL_NAMES.map((n) => labels[n]), responseCode, this.cluster];
    const series: RequestSeries = {
      labels,
      responseCode,
      labelText: labelText(SERIES_LABEL_NAMES, values),
      count: 0,
      sum: 0,
      buckets: new Float64Array(ISTIO_DURATION_BUCKETS_MS.length),
    };
    this.all.push(series);
    this.sorted = false;
    return series;
  }
}

function add(series: RequestSeries, requests: number, latency: LatencyModel): void {
  series.count += requests;
  series.sum += requests * latency.meanMs;
  const fractions = latency.bucketFractions;
  const buckets = series.buckets;
  for (let i = 0; i < buckets.length; i++) buckets[i] += requests * fractions[i]!;
}
