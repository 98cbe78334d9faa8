// The simulator's /metrics body: Istio request metrics from the traffic accumulators and kube-state-style
// object metrics, every series labelled with its cluster. Pass every cluster for the fleet-wide endpoint or
// one for a per-cluster endpoint. Output is deterministic: families in a fixed order, clusters by name,
// series by label text.
//
// A large fleet's text does not fit in one JavaScript string (Istio series carry ~850 bytes of labels and
// a histogram has 22 lines), so metricsChunks yields it in pieces: a family header, then one piece per
// cluster and family. Write them to the response one by one, honouring backpressure.

import { familyHeader, formatValue } from './exposition.js';
import { kubeStateChunks, type KubeStateSnapshot } from './kube-state-text.js';
import { ISTIO_DURATION_BUCKETS_MS } from './latency.js';
import type { TrafficAccumulator } from './traffic.js';

export interface MetricsInput {
  readonly traffic?: readonly TrafficAccumulator[];
  readonly kubeState?: readonly KubeStateSnapshot[];
}

const DURATION = 'istio_request_duration_milliseconds';
const LE_SUFFIXES = [...ISTIO_DURATION_BUCKETS_MS.map((b) => `,le="${formatValue(b)}"} `), ',le="+Inf"} '];

/** The exposition in chunks, each ending in a line feed; their concatenation is one valid document. */
export function* metricsChunks(input: MetricsInput): Generator<string> {
  yield* istioChunks(input.traffic ?? []);
  yield* kubeStateChunks(input.kubeState ?? []);
}

/** The whole exposition as one string, for endpoints small enough to hold it (one or a few clusters). */
export function renderMetricsText(input: MetricsInput): string {
  return [...metricsChunks(input)].join('');
}

/** istio_request_duration_milliseconds (histogram), then istio_requests_total (counter). */
export function* istioChunks(accumulators: readonly TrafficAccumulator[]): Generator<string> {
  const ordered = [...accumulators].sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0));

  yield familyHeader(DURATION, 'histogram', 'Duration of requests handled by the destination proxy, in milliseconds.');
  for (const acc of ordered) {
    const out: string[] = [];
    for (const s of acc.series()) {
      const open = `${DURATION}_bucket{${s.labelText}`;
      for (let i = 0; i < s.buckets.length; i++) out.push(open + LE_SUFFIXES[i] + formatValue(s.buckets[i]!));
      out.push(open + LE_SUFFIXES[s.buckets.length] + formatValue(s.count));
      out.push(`${DURATION}_sum{${s.labelText}} ${formatValue(s.sum)}`);
      out.push(`${DURATION}_count{${s.labelText}} ${formatValue(s.count)}`);
    }
    if (out.length > 0) yield `${out.join('\n')}\n`;
  }

  yield familyHeader('istio_requests_total', 'counter', 'Requests handled by the destination proxy.');
  for (const acc of ordered) {
    const out: string[] = [];
    for (const s of acc.series()) out.push(`istio_requests_total{${s.labelText}} ${formatValue(s.count)}`);
    if (out.length > 0) yield `${out.join('\n')}\n`;
  }
}
