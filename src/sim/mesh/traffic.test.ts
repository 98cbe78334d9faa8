import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { ANNOTATION_ERROR_RATIO, ANNOTATION_LATENCY } from './annotations.js';
import { ISTIO_DURATION_BUCKETS_MS } from './latency.js';
import { seededRandom } from './random.js';
import { routeService, type MeshPod, type RoutingResult } from './routing.js';
import { TrafficAccumulator, type RequestSeries } from './traffic.js';

const NS = 'shop';
const v2Annotations = { [ANNOTATION_ERROR_RATIO]: '0.2', [ANNOTATION_LATENCY]: 'p50=80,p99=400' };
const pods: MeshPod[] = [
  { namespace: NS, name: 'web-v1-a', labels: { app: 'web', version: 'v1' }, ready: true, workload: 'web-v1', annotations: { [ANNOTATION_LATENCY]: '40' } },
  { namespace: NS, name: 'web-v1-b', labels: { app: 'web', version: 'v1' }, ready: true, workload: 'web-v1', annotations: { [ANNOTATION_LATENCY]: '40' } },
  { namespace: NS, name: 'web-v2-a', labels: { app: 'web', version: 'v2' }, ready: true, workload: 'web-v2', annotations: v2Annotations },
];
const meta = (name: string): KubeObject['metadata'] => ({ namespace: NS, name, creationTimestamp: '2024-01-01T00:00:00Z' });
const vs: KubeObject = {
  metadata: meta('web'),
  spec: { hosts: ['web'], http: [{ route: [{ destination: { host: 'web', subset: 'v1' }, weight: 90 }, { destination: { host: 'web', subset: 'v2' }, weight: 10 }] }] },
};
const dr: KubeObject = { metadata: meta('web'), spec: { host: 'web', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] } };

function routing(): RoutingResult {
  return routeService({ cluster: 'member1', service: { namespace: NS, name: 'web', selector: { app: 'web' } }, pods, virtualServices: [vs], destinationRules: [dr], defaultRequestRate: 100 });
}

interface Totals {
  requests: number;
  errors: number;
}

function totalsByVersion(series: readonly RequestSeries[]): Record<string, Totals> {
  const out: Record<string, Totals> = {};
  for (const s of series) {
    const t = (out[s.labels.destination_version] ??= { requests: 0, errors: 0 });
    t.requests += s.count;
    if (s.responseCode.startsWith('5')) t.errors += s.count;
  }
  return out;
}

/** histogram_quantile as Prometheus computes it: linear interpolation inside the bucket. */
function histogramQuantile(q: number, bounds: readonly number[], cumulative: readonly number[], total: number): number {
  const rank = q * total;
  let i = 0;
  while (i < cumulative.length && cumulative[i]! < rank) i++;
  if (i === cumulative.length) return bounds[bounds.length - 1]!;
  const lower = i === 0 ? 0 : bounds[i - 1]!;
  const below = i === 0 ? 0 : cumulative[i - 1]!;
  return lower + ((bounds[i]! - lower) * (rank - below)) / (cumulative[i]! - below);
}

test('120 s at 100 rps split 90/10 with 20% errors on v2 gives exactly the configured ratios', () => {
  const acc = new TrafficAccumulator({ cluster: 'member1' });
  let atMinute: Record<string, Totals> = {};
  for (let t = 1; t <= 120; t++) {
    // A fresh routing result every tick: equal labels must still land in the same series.
    acc.tick(routing().flows, 1);
    if (t === 60) atMinute = structuredClone(totalsByVersion(acc.series()));
  }
  const end = totalsByVersion(acc.series());
  assert.ok(Math.abs(end.v1!.requests - 10800) < 1e-6, `v1 ${end.v1!.requests}`);
  assert.equal(end.v1!.errors, 0);
  assert.ok(Math.abs(end.v2!.requests - 1200) < 1e-6, `v2 ${end.v2!.requests}`);
  assert.ok(Math.abs(end.v2!.errors - 240) < 1e-6, `v2 errors ${end.v2!.errors}`);
  // rate() over the last minute: increase of errors / increase of requests.
  const ratio = (end.v2!.errors - atMinute.v2!.errors) / (end.v2!.requests - atMinute.v2!.requests);
  assert.ok(Math.abs(ratio - 0.2) < 1e-12, `ratio ${ratio}`);
  // One series per (workload, response code): v1/200, v2/200, v2/500.
  assert.deepEqual(acc.series().map((s) => `${s.labels.destination_workload}/${s.responseCode}`), ['web-v1/200', 'web-v2/200', 'web-v2/500']);
});

test('latency histograms reproduce the configured quantiles', () => {
  const acc = new TrafficAccumulator({ cluster: 'member1' });
  for (let t = 0; t < 120; t++) acc.tick(routing().flows, 1);
  const v2 = acc.series().filter((s) => s.labels.destination_version === 'v2');
  const cumulative = ISTIO_DURATION_BUCKETS_MS.map((_, i) => v2.reduce((sum, s) => sum + s.buckets[i]!, 0));
  const total = v2.reduce((sum, s) => sum + s.count, 0);
  const cases: [number, number, number, number][] = [
    // quantile, configured ms, bucket holding it (lower, upper]
    [0.5, 80, 50, 100],
    [0.99, 400, 250, 500],
  ];
  for (const [q, configured, lower, upper] of cases) {
    const estimate = histogramQuantile(q, ISTIO_DURATION_BUCKETS_MS, cumulative, total);
    assert.ok(estimate > lower && estimate <= upper, `p${q * 100} ${estimate} in (${lower}, ${upper}]`);
    // Linear interpolation inside Istio's coarse buckets is all Prometheus can do; stay within 20%.
    assert.ok(Math.abs(estimate - configured) / configured < 0.2, `p${q * 100} ${estimate} vs ${configured}`);
  }
  const sum = v2.reduce((s, x) => s + x.sum, 0);
  const mean = sum / total;
  assert.ok(mean > 80 && mean < 150, `mean ${mean}`);
});

test('jitter is deterministic for a seed, keeps counters monotonic and the long-run ratio', () => {
  const run = (seed: number): { snapshots: number[][]; series: readonly RequestSeries[] } => {
    const acc = new TrafficAccumulator({ cluster: 'member1', jitter: 0.3, random: seededRandom(seed) });
    const flows = routing().flows;
    const snapshots: number[][] = [];
    for (let t = 0; t < 600; t++) {
      acc.tick(flows, 1);
      snapshots.push(acc.series().flatMap((s) => [s.count, s.sum, ...s.buckets]));
    }
    return { snapshots, series: acc.series() };
  };
  const a = run(42);
  const b = run(42);
  const c = run(7);
  assert.deepEqual(a.snapshots, b.snapshots);
  assert.notDeepEqual(a.snapshots, c.snapshots);
  for (let t = 1; t < a.snapshots.length; t++) {
    a.snapshots[t]!.forEach((v, i) => assert.ok(v >= a.snapshots[t - 1]![i]!, `counter ${i} decreased at ${t}`));
  }
  const totals = totalsByVersion(a.series);
  const ratio = totals.v2!.errors / totals.v2!.requests;
  assert.ok(Math.abs(ratio - 0.2) / 0.2 < 0.05, `ratio ${ratio}`);
  assert.ok(Math.abs(totals.v1!.requests / totals.v2!.requests - 9) / 9 < 0.05);
});

test('accumulator edge cases', () => {
  assert.throws(() => new TrafficAccumulator({ cluster: 'x', jitter: 0.1 }), /seeded random/);
  assert.throws(() => new TrafficAccumulator({ cluster: 'x', jitter: 1 }), /jitter/);
  const acc = new TrafficAccumulator({ cluster: 'x' });
  const flows = routing().flows;
  acc.tick(flows, 0);
  acc.tick(flows.map((f) => ({ ...f, rate: 0 })), 1);
  assert.equal(acc.series().length, 0);
  acc.tick(flows.map((f) => ({ ...f, errorRatio: 1 })), 1);
  assert.deepEqual(acc.series().map((s) => s.responseCode), ['500', '500']);
  acc.tick(flows, 1);
  assert.equal(acc.series().length, 4);
  assert.equal(acc.removeWhere((l) => l.destination_version === 'v1'), 2);
  assert.deepEqual(acc.series().map((s) => `${s.labels.destination_version}/${s.responseCode}`), ['v2/200', 'v2/500']);
  // A removed series starts again from zero when traffic returns.
  acc.tick(flows, 1);
  const v1 = acc.series().find((s) => s.labels.destination_version === 'v1')!;
  assert.ok(Math.abs(v1.count - 90) < 1e-9);
});
