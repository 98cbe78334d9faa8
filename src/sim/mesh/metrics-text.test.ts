import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { parseExposition, type ParsedFamily } from './exposition-parser.js';
import { escapeLabelValue, formatValue } from './exposition.js';
import { DEFAULT_TRAFFIC_SOURCE, flowLabels } from './istio-labels.js';
import type { KubeStateSnapshot } from './kube-state-text.js';
import { latencyFromMean, latencyFromQuantiles } from './latency.js';
import { metricsChunks, renderMetricsText } from './metrics-text.js';
import { TrafficAccumulator } from './traffic.js';
import type { TrafficFlow } from './traffic-flow.js';

function flow(cluster: string, workload: string, version: string, rate: number, errorRatio: number, app = 'web'): TrafficFlow {
  const labels = flowLabels(DEFAULT_TRAFFIC_SOURCE, { namespace: 'shop', name: `${workload}-1`, labels: { app, version }, workload }, { namespace: 'shop', name: 'web' }, cluster);
  return { labels, rate, errorRatio, latency: version === 'v2' ? latencyFromQuantiles([{ quantile: 0.5, ms: 80 }, { quantile: 0.99, ms: 400 }]) : latencyFromMean(40) };
}

function accumulator(cluster: string, flows: TrafficFlow[], seconds: number): TrafficAccumulator {
  const acc = new TrafficAccumulator({ cluster });
  for (let t = 0; t < seconds; t++) acc.tick(flows, 1);
  return acc;
}

const created = '2024-01-01T00:00:00Z';
function snapshot(cluster: string): KubeStateSnapshot {
  const deployments: KubeObject[] = [
    { metadata: { namespace: 'shop', name: 'web-v1', creationTimestamp: created }, spec: { replicas: 3 }, status: { replicas: 3, availableReplicas: 2 } },
    { metadata: { namespace: 'shop', name: 'new' }, spec: {} },
  ];
  const pods: KubeObject[] = [
    {
      metadata: { namespace: 'shop', name: 'web-v1-b', uid: 'u-b' },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', resources: { requests: { cpu: '250m', memory: '64Mi', 'nvidia.com/gpu': '1' } } }, { name: 'sidecar' }] },
      status: { phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }] },
    },
    { metadata: { namespace: 'shop', name: 'web-v1-a', uid: 'u-a' }, spec: { containers: [{ name: 'app', resources: { requests: { cpu: 'lots' } } }] }, status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] } },
    { metadata: { namespace: 'shop', name: 'no-status', uid: 'u-n' }, spec: {} },
  ];
  const nodes: KubeObject[] = [
    {
      metadata: { name: 'node-1' },
      status: {
        capacity: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' },
        allocatable: { cpu: '7500m', memory: '30Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'False' }],
      },
    },
  ];
  return { cluster, deployments, pods, nodes };
}

function family(families: Map<string, ParsedFamily>, name: string): ParsedFamily {
  const f = families.get(name);
  assert.ok(f, `family ${name}`);
  return f;
}

test('the fleet exposition parses back, with consistent histograms and a cluster label on every series', () => {
  const a = accumulator('member-a', [flow('member-a', 'web-v1', 'v1', 90, 0), flow('member-a', 'web-v2', 'v2', 10, 0.2)], 60);
  const b = accumulator('member-b', [flow('member-b', 'web-v1', 'v1', 5, 0.5)], 10);
  const text = renderMetricsText({ traffic: [b, a], kubeState: [snapshot('member-b'), snapshot('member-a')] });
  const families = parseExposition(text);

  assert.deepEqual([...families.keys()], [
    'istio_request_duration_milliseconds',
    'istio_requests_total',
    'kube_deployment_spec_replicas',
    'kube_deployment_status_replicas',
    'kube_deployment_status_replicas_available',
    'kube_node_status_allocatable',
    'kube_node_status_capacity',
    'kube_node_status_condition',
    'kube_pod_container_resource_requests',
    'kube_pod_status_phase',
    'kube_pod_status_ready',
  ]);
  for (const f of families.values()) {
    assert.ok(f.help && f.help.length > 0, `${f.name} has HELP`);
    for (const s of f.samples) assert.ok(s.labels.cluster === 'member-a' || s.labels.cluster === 'member-b', `${s.name} cluster label`);
  }
  assert.equal(family(families, 'istio_requests_total').type, 'counter');
  assert.equal(family(families, 'istio_request_duration_milliseconds').type, 'histogram');
  assert.equal(family(families, 'kube_pod_status_phase').type, 'gauge');

  // Istio's standard labels on every request series.
  const requests = family(families, 'istio_requests_total').samples;
  for (const s of requests) {
    for (const name of ['reporter', 'source_workload', 'source_workload_namespace', 'source_app', 'destination_workload', 'destination_workload_namespace', 'destination_app', 'destination_service', 'destination_service_name', 'destination_service_namespace', 'destination_version', 'destination_cluster', 'request_protocol', 'response_code', 'response_flags', 'connection_security_policy']) {
      assert.ok(name in s.labels, `${name} on istio_requests_total`);
    }
    assert.equal(s.labels.reporter, 'destination');
    assert.equal(s.labels.request_protocol, 'http');
    assert.equal(s.labels.response_flags, '-');
  }

  // Error ratio per version from the counters, like sum(rate(...5..)) / sum(rate(...)).
  const ratio = (cluster: string, version: string): number => {
    const mine = requests.filter((s) => s.labels.cluster === cluster && s.labels.destination_version === version);
    const errors = mine.filter((s) => /^5..$/.test(s.labels.response_code!)).reduce((x, s) => x + s.value, 0);
    return errors / mine.reduce((x, s) => x + s.value, 0);
  };
  assert.ok(Math.abs(ratio('member-a', 'v2') - 0.2) < 1e-12);
  assert.equal(ratio('member-a', 'v1'), 0);
  assert.ok(Math.abs(ratio('member-b', 'v1') - 0.5) < 1e-12);

  // Histogram: buckets non-decreasing, +Inf = _count = istio_requests_total of the same labels.
  const duration = family(families, 'istio_request_duration_milliseconds').samples;
  const key = (labels: Readonly<Record<string, string>>): string => JSON.stringify(Object.entries(labels).filter(([k]) => k !== 'le').sort());
  const counts = new Map(duration.filter((s) => s.name.endsWith('_count')).map((s) => [key(s.labels), s.value]));
  const totals = new Map(requests.map((s) => [key(s.labels), s.value]));
  assert.equal(counts.size, requests.length);
  const buckets = new Map<string, { le: number; value: number }[]>();
  for (const s of duration.filter((x) => x.name.endsWith('_bucket'))) {
    const list = buckets.get(key(s.labels)) ?? [];
    list.push({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), value: s.value });
    buckets.set(key(s.labels), list);
  }
  for (const [k, list] of buckets) {
    assert.equal(list.length, 20);
    for (let i = 1; i < list.length; i++) {
      assert.ok(list[i]!.le > list[i - 1]!.le, 'le ascending');
      assert.ok(list[i]!.value >= list[i - 1]!.value, 'buckets cumulative');
    }
    assert.equal(list[list.length - 1]!.le, Infinity);
    assert.equal(list[list.length - 1]!.value, counts.get(k));
    assert.equal(totals.get(k), counts.get(k));
  }
});

test('kube-state series have kube-state-metrics labels, units and values', () => {
  const families = parseExposition(renderMetricsText({ kubeState: [snapshot('c1')] }));
  const lines = (name: string): string[] =>
    family(families, name).samples.map((s) => `${Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(',')} ${s.value}`);
  const cases: [string, string[]][] = [
    ['kube_deployment_spec_replicas', ['namespace=shop,deployment=new,cluster=c1 1', 'namespace=shop,deployment=web-v1,cluster=c1 3']],
    ['kube_deployment_status_replicas', ['namespace=shop,deployment=new,cluster=c1 0', 'namespace=shop,deployment=web-v1,cluster=c1 3']],
    ['kube_deployment_status_replicas_available', ['namespace=shop,deployment=new,cluster=c1 0', 'namespace=shop,deployment=web-v1,cluster=c1 2']],
    [
      'kube_node_status_capacity',
      [
        'node=node-1,resource=cpu,unit=core,cluster=c1 8',
        'node=node-1,resource=ephemeral_storage,unit=byte,cluster=c1 107374182400',
        'node=node-1,resource=memory,unit=byte,cluster=c1 34359738368',
        'node=node-1,resource=pods,unit=integer,cluster=c1 110',
      ],
    ],
    ['kube_node_status_allocatable', ['node=node-1,resource=cpu,unit=core,cluster=c1 7.5', 'node=node-1,resource=memory,unit=byte,cluster=c1 32212254720', 'node=node-1,resource=pods,unit=integer,cluster=c1 110']],
    [
      'kube_node_status_condition',
      [
        'node=node-1,condition=Ready,status=true,cluster=c1 1',
        'node=node-1,condition=Ready,status=false,cluster=c1 0',
        'node=node-1,condition=Ready,status=unknown,cluster=c1 0',
        'node=node-1,condition=MemoryPressure,status=true,cluster=c1 0',
        'node=node-1,condition=MemoryPressure,status=false,cluster=c1 1',
        'node=node-1,condition=MemoryPressure,status=unknown,cluster=c1 0',
      ],
    ],
    [
      'kube_pod_container_resource_requests',
      [
        'namespace=shop,pod=web-v1-b,uid=u-b,container=app,node=node-1,resource=cpu,unit=core,cluster=c1 0.25',
        'namespace=shop,pod=web-v1-b,uid=u-b,container=app,node=node-1,resource=memory,unit=byte,cluster=c1 67108864',
        'namespace=shop,pod=web-v1-b,uid=u-b,container=app,node=node-1,resource=nvidia_com_gpu,unit=integer,cluster=c1 1',
      ],
    ],
    [
      'kube_pod_status_phase',
      [
        'namespace=shop,pod=web-v1-a,uid=u-a,phase=Pending,cluster=c1 1',
        'namespace=shop,pod=web-v1-a,uid=u-a,phase=Succeeded,cluster=c1 0',
        'namespace=shop,pod=web-v1-a,uid=u-a,phase=Failed,cluster=c1 0',
        'namespace=shop,pod=web-v1-a,uid=u-a,phase=Unknown,cluster=c1 0',
        'namespace=shop,pod=web-v1-a,uid=u-a,phase=Running,cluster=c1 0',
        'namespace=shop,pod=web-v1-b,uid=u-b,phase=Pending,cluster=c1 0',
        'namespace=shop,pod=web-v1-b,uid=u-b,phase=Succeeded,cluster=c1 0',
        'namespace=shop,pod=web-v1-b,uid=u-b,phase=Failed,cluster=c1 0',
        'namespace=shop,pod=web-v1-b,uid=u-b,phase=Unknown,cluster=c1 0',
        'namespace=shop,pod=web-v1-b,uid=u-b,phase=Running,cluster=c1 1',
      ],
    ],
    [
      'kube_pod_status_ready',
      [
        'namespace=shop,pod=web-v1-a,uid=u-a,condition=true,cluster=c1 0',
        'namespace=shop,pod=web-v1-a,uid=u-a,condition=false,cluster=c1 1',
        'namespace=shop,pod=web-v1-a,uid=u-a,condition=unknown,cluster=c1 0',
        'namespace=shop,pod=web-v1-b,uid=u-b,condition=true,cluster=c1 1',
        'namespace=shop,pod=web-v1-b,uid=u-b,condition=false,cluster=c1 0',
        'namespace=shop,pod=web-v1-b,uid=u-b,condition=unknown,cluster=c1 0',
      ],
    ],
  ];
  for (const [name, want] of cases) assert.deepEqual(lines(name), want, name);
});

test('output is deterministic and a per-cluster render holds only that cluster', () => {
  const make = (): TrafficAccumulator[] => [accumulator('x', [flow('x', 'w', 'v1', 3, 0.1)], 5), accumulator('y', [flow('y', 'w', 'v1', 4, 0.1), flow('y', 'a', 'v2', 1, 0)], 5)];
  const [x, y] = make();
  const [x2, y2] = make();
  const forward = renderMetricsText({ traffic: [x!, y!], kubeState: [snapshot('x'), snapshot('y')] });
  const backward = renderMetricsText({ traffic: [y2!, x2!], kubeState: [snapshot('y'), snapshot('x')] });
  assert.equal(forward, backward);
  const onlyY = renderMetricsText({ traffic: [y!], kubeState: [snapshot('y')] });
  const clusters = new Set([...parseExposition(onlyY).values()].flatMap((f) => f.samples.map((s) => s.labels.cluster)));
  assert.deepEqual([...clusters], ['y']);
  // Series are sorted by label text within a cluster.
  const totals = [...parseExposition(onlyY).get('istio_requests_total')!.samples].map((s) => s.labels.destination_workload);
  assert.deepEqual(totals, ['a', 'w', 'w']);
});

test('label values and help text are escaped per the exposition format', () => {
  const nasty = 'quote " backslash \\ newline \n end';
  const acc = accumulator('c', [flow('c', 'web', 'v1', 1, 0, nasty)], 1);
  const text = renderMetricsText({ traffic: [acc] });
  assert.ok(text.includes(`destination_app="quote \\" backslash \\\\ newline \\n end"`));
  const sample = parseExposition(text).get('istio_requests_total')!.samples[0]!;
  assert.equal(sample.labels.destination_app, nasty);
  assert.equal(escapeLabelValue('plain'), 'plain');
  const cases: [number, string][] = [
    [1, '1'],
    [0.25, '0.25'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
    [1e21, '1e+21'],
  ];
  for (const [value, want] of cases) assert.equal(formatValue(value), want);
});

test('the exposition parser rejects what Prometheus rejects', () => {
  const cases: [string, RegExp][] = [
    ['a 1', /end with a line feed/],
    ['a 1\na 2\n', /duplicate series/],
    ['a{x="1"} 1\nb 1\na{x="2"} 1\n', /appears again/],
    ['a 1\n# TYPE a counter\n', /TYPE for a must come once/],
    ['# HELP a x\n# HELP a y\n', /second HELP/],
    ['a{x="\\q"} 1\n', /bad escape/],
    ['a{x="1",x="2"} 1\n', /appears twice/],
    ['a{1x="1"} 1\n', /bad label name/],
    ['a{x=1} 1\n', /must be quoted/],
    ['a one\n', /bad value/],
    ['# TYPE a sometimes\n', /unknown type/],
  ];
  for (const [text, error] of cases) assert.throws(() => parseExposition(text), error, JSON.stringify(text));
  const ok = parseExposition('# HELP h x\\ny\n# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 3\nh_count 2\n# a comment\nu 1 1700000000\n');
  assert.equal(ok.get('h')!.help, 'x\ny');
  assert.equal(ok.get('h')!.samples.length, 3);
  assert.equal(ok.get('u')!.type, 'untyped');
  // Label names a JavaScript object answers to are labels like any other.
  const named = parseExposition('m{__proto__="a",constructor="b"} 1\n').get('m')!.samples[0]!.labels;
  assert.deepEqual(Object.entries(named), [['__proto__', 'a'], ['constructor', 'b']]);
});

test('a thousand clusters stream in per-cluster chunks that add up to one valid document', () => {
  const accs: TrafficAccumulator[] = [];
  const snaps: KubeStateSnapshot[] = [];
  for (let i = 0; i < 1000; i++) {
    const cluster = `member${i}`;
    accs.push(accumulator(cluster, [flow(cluster, 'web-v1', 'v1', 9, 0), flow(cluster, 'web-v2', 'v2', 1, 0.2)], 1));
    snaps.push(snapshot(cluster));
  }
  const started = process.hrtime.bigint();
  const chunks = [...metricsChunks({ traffic: accs, kubeState: snaps })];
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // 2 Istio families + 9 kube-state families, each a header and one chunk per cluster with series.
  assert.equal(chunks.length, 11 + 2 * 1000 + 9 * 1000);
  for (const c of chunks) assert.ok(c.endsWith('\n'));
  assert.ok(ms < 3000, `rendered in ${ms} ms`);
  const small = { traffic: accs.slice(0, 3), kubeState: snaps.slice(0, 3) };
  assert.equal([...metricsChunks(small)].join(''), renderMetricsText(small));
  const families = parseExposition(renderMetricsText(small));
  assert.equal(families.get('istio_requests_total')!.samples.length, 9);
});
