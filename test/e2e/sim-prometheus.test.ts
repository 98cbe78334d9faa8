// A real Prometheus scraping simulated clusters: Istio request metrics follow the VirtualService split
// and the pods' error ratio, and kube-state metrics follow the Deployments, as PromQL sees them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/local/free-port.js';
import { startPrometheus, type RunningPrometheus } from '../../src/local/prometheus.js';
import { kubectlFor, type Kubectl } from '../support/kubectl.js';
import { startTestSimulator, type TestSimulator } from '../support/sim.js';
import { eventually } from '../support/wait.js';

const REVIEWS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v1, labels: {app: reviews, version: v1}}
spec:
  replicas: 2
  selector: {matchLabels: {app: reviews, version: v1}}
  template:
    metadata: {labels: {app: reviews, version: v1}}
    spec: {containers: [{name: reviews, image: "docker.io/istio/examples-bookinfo-reviews-v1:1.20.2", ports: [{containerPort: 9080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-v2, labels: {app: reviews, version: v2}}
spec:
  replicas: 1
  selector: {matchLabels: {app: reviews, version: v2}}
  template:
    metadata:
      labels: {app: reviews, version: v2}
      annotations: {sim.kurator.dev/error-ratio: "0.2"}
    spec: {containers: [{name: reviews, image: "docker.io/istio/examples-bookinfo-reviews-v2:1.20.2", ports: [{containerPort: 9080}]}]}
---
apiVersion: v1
kind: Service
metadata:
  name: reviews
  annotations: {sim.kurator.dev/request-rate: "100"}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - route:
    - {destination: {host: reviews, subset: v1}, weight: 90}
    - {destination: {host: reviews, subset: v2}, weight: 10}
`;

// Counters grow linearly, so any window gives the true rate once samples cover all of it (a partly covered
// window under-reports: rate() extrapolates only half a scrape interval past the first sample). The window
// is the query's, 1m.
const WINDOW = '1m';
/** A series with this many samples at 1 s intervals began well before the WINDOW that ends now. */
const COVERED = { range: '70s', samples: 65 };

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(prometheus: RunningPrometheus, promql: string): Promise<VectorSample[]> {
  const res = await fetch(`${prometheus.url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
  const body = (await res.json()) as { status: string; error?: string; data?: { resultType: string; result: VectorSample[] } };
  if (body.status !== 'success') throw new Error(`query ${promql} failed: ${body.error ?? res.status}`);
  return body.data!.result;
}

/** The value of each sample by one of its labels. */
function byLabel(samples: VectorSample[], label: string): Record<string, number> {
  return Object.fromEntries(samples.map((s) => [s.metric[label] ?? '', Number(s.value[1])]));
}

function assertWithin(actual: number | undefined, expected: number, relative: number, what: string): void {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= expected * relative, `${what}: ${actual} is not within ±${relative * 100}% of ${expected}`);
}

describe('Prometheus scraping simulated clusters', () => {
  let sim: TestSimulator;
  let kubectl: Kubectl;
  let prometheus: RunningPrometheus | undefined;
  let promDir: string;

  before(async () => {
    sim = await startTestSimulator({ clusters: 2, nodesPerCluster: 3 });
    kubectl = kubectlFor(sim.kubeconfig('member1'));
    promDir = await mkdtemp(join(tmpdir(), 'kurator-prometheus-test-'));
    const address = new URL(sim.url).host;
    prometheus = await startPrometheus({
      dataDir: promDir,
      port: await freePort(),
      scrapeIntervalSeconds: 1,
      targets: [...sim.kubeconfigs.keys()].map((cluster) => ({ job: `sim-${cluster}`, address, metricsPath: `/clusters/${cluster}/metrics` })),
    });
  });
  after(async () => {
    await prometheus?.stop();
    await sim?.dispose();
    if (promDir) await rm(promDir, { recursive: true, force: true });
  });

  test('the bookinfo reviews service rolls out with its Istio routing', async () => {
    const applied = await kubectl.ok(['apply', '-f', '-'], REVIEWS);
    assert.match(applied, /virtualservice.networking.istio.io\/reviews created/);
    assert.match(applied, /destinationrule.networking.istio.io\/reviews created/);
    await kubectl.ok(['rollout', 'status', 'deployment/reviews-v1', '--timeout=60s']);
    await kubectl.ok(['rollout', 'status', 'deployment/reviews-v2', '--timeout=60s']);
  });

  test('Prometheus sees the 90/10 split of 100 rps and a 20% error ratio on v2', async (t) => {
    const rateOf = (selector: string) => `sum by (destination_version) (rate(istio_requests_total{${selector}}[${WINDOW}]))`;
    // Wait until the series that starts last (v2's 500s) began before the window.
    await eventually(
      `v2's 500 responses scraped for longer than ${WINDOW}`,
      async () => {
        const samples = await query(prometheus!, `count_over_time(istio_requests_total{cluster="member1",destination_version="v2",response_code="500"}[${COVERED.range}])`);
        return samples.length === 1 && Number(samples[0]!.value[1]) >= COVERED.samples ? samples : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 1000 },
    );

    const split = byLabel(await query(prometheus!, rateOf('cluster="member1",destination_service_name="reviews"')), 'destination_version');
    assert.deepEqual(Object.keys(split).sort(), ['v1', 'v2']);
    assertWithin(split.v1, 90, 0.15, 'v1 requests per second');
    assertWithin(split.v2, 10, 0.15, 'v2 requests per second');

    const errorRatio = byLabel(
      await query(prometheus!, `${rateOf('cluster="member1",destination_service_name="reviews",response_code=~"5.."')} / ${rateOf('cluster="member1",destination_service_name="reviews"')}`),
      'destination_version',
    );
    t.diagnostic(`requests per second by version: ${JSON.stringify(split)}; 5xx ratio: ${JSON.stringify(errorRatio)}`);
    assert.deepEqual(Object.keys(errorRatio), ['v2'], 'only v2 answers 5xx');
    assertWithin(errorRatio.v2, 0.2, 0.15, 'v2 error ratio');

    const codes = byLabel(await query(prometheus!, `sum by (response_code) (istio_requests_total{cluster="member1",destination_version="v1"})`), 'response_code');
    assert.deepEqual(Object.keys(codes), ['200'], 'v1 answers only 200');
  });

  test('kube-state metrics follow the Deployments and stay per cluster', async () => {
    const available = await query(prometheus!, 'kube_deployment_status_replicas_available{cluster="member1",deployment="reviews-v1"}');
    assert.equal(available.length, 1);
    assert.equal(available[0]!.value[1], '2');
    assert.equal(available[0]!.metric.namespace, 'default');

    await kubectl.ok(['scale', 'deployment/reviews-v1', '--replicas=3']);
    await kubectl.ok(['rollout', 'status', 'deployment/reviews-v1', '--timeout=60s']);
    await eventually(
      'Prometheus to scrape 3 available reviews-v1 replicas',
      async () => {
        const samples = await query(prometheus!, 'kube_deployment_status_replicas_available{cluster="member1",deployment="reviews-v1"}');
        return samples[0]?.value[1] === '3' ? samples : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    const member2 = await query(prometheus!, 'count(istio_requests_total{cluster="member2",destination_service_name="reviews"}) or count(kube_deployment_status_replicas_available{cluster="member2"})');
    assert.deepEqual(member2, [], 'member2 has no reviews traffic and no Deployments');
    const up = byLabel(await query(prometheus!, 'up'), 'job');
    assert.deepEqual(up, { 'sim-member1': 1, 'sim-member2': 1 });
  });
});
