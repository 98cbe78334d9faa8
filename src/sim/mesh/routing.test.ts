import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { ANNOTATION_ERROR_RATIO, ANNOTATION_HEADER_MIX, ANNOTATION_REQUEST_RATE, ANNOTATION_WORKLOAD } from './annotations.js';
import { DEFAULT_TRAFFIC_SOURCE } from './istio-labels.js';
import { routeService, type MeshPod, type MeshService, type RouteServiceInput, type RoutingResult } from './routing.js';

const NS = 'bookinfo';
const reviews: MeshService = { namespace: NS, name: 'reviews', selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] };

function pod(name: string, labels: Record<string, string>, extra: Partial<MeshPod> = {}): MeshPod {
  return { namespace: NS, name, labels, ready: true, ...extra };
}

const pods: MeshPod[] = [
  pod('reviews-v1-a', { app: 'reviews', version: 'v1' }, { workload: 'reviews-v1' }),
  pod('reviews-v1-b', { app: 'reviews', version: 'v1' }, { workload: 'reviews-v1' }),
  pod('reviews-v2-a', { app: 'reviews', version: 'v2' }, { workload: 'reviews-v2', annotations: { [ANNOTATION_ERROR_RATIO]: '0.2' } }),
  pod('reviews-v2-b', { app: 'reviews', version: 'v2' }, { workload: 'reviews-v2', ready: false }),
  pod('reviews-v3-a', { app: 'reviews', version: 'v3' }, { workload: 'reviews-v3', ready: false }),
  pod('ratings-a', { app: 'ratings', version: 'v1' }),
  { namespace: 'other', name: 'reviews-elsewhere', labels: { app: 'reviews', version: 'v1' }, ready: true },
];

function obj(kind: string, name: string, spec: unknown, extra: { namespace?: string; created?: string } = {}): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1beta1',
    kind,
    metadata: { namespace: extra.namespace ?? NS, name, creationTimestamp: extra.created ?? '2024-01-01T00:00:00Z' },
    spec,
  };
}

const subsetsDR = obj('DestinationRule', 'reviews', {
  host: 'reviews',
  subsets: [
    { name: 'v1', labels: { version: 'v1' } },
    { name: 'v2', labels: { version: 'v2' } },
    { name: 'v3', labels: { version: 'v3' } },
  ],
});

function weighted(hosts: string[], weights: (number | undefined)[], subsets = ['v1', 'v2'], extra: { namespace?: string; created?: string; gateways?: string[] } = {}): KubeObject {
  return obj(
    'VirtualService',
    `vs-${hosts.join('-')}`,
    {
      hosts,
      ...(extra.gateways ? { gateways: extra.gateways } : {}),
      http: [{ route: subsets.map((s, i) => ({ destination: { host: 'reviews', subset: s }, ...(weights[i] !== undefined ? { weight: weights[i] } : {}) })) }],
    },
    extra,
  );
}

function route(partial: Partial<RouteServiceInput>): RoutingResult {
  return routeService({ cluster: 'member1', service: reviews, pods, virtualServices: [], destinationRules: [subsetsDR], defaultRequestRate: 100, ...partial });
}

function ratesByPod(result: RoutingResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of result.flows) out[f.pod.name] = (out[f.pod.name] ?? 0) + f.rate;
  return rounded(out);
}

function ratesByVersion(result: RoutingResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of result.flows) out[f.labels.destination_version] = (out[f.labels.destination_version] ?? 0) + f.rate;
  return rounded(out);
}

function rounded(rates: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]));
}

test('routing cases', () => {
  const cases: { name: string; input: Partial<RouteServiceInput>; byPod?: Record<string, number>; byVersion?: Record<string, number>; unrouted?: [string, number][]; issues?: string[] }[] = [
    {
      name: 'no VirtualService: even spread over ready pods of the Service in its namespace',
      input: {},
      byPod: { 'reviews-v1-a': 33.333333, 'reviews-v1-b': 33.333333, 'reviews-v2-a': 33.333333 },
    },
    {
      name: 'request-rate annotation overrides the default',
      input: { service: { ...reviews, annotations: { [ANNOTATION_REQUEST_RATE]: '12.5' } } },
      byVersion: { v1: 8.333333, v2: 4.166667 },
    },
    {
      name: '90/10 between subsets v1 and v2',
      input: { virtualServices: [weighted(['reviews'], [90, 10])] },
      byPod: { 'reviews-v1-a': 45, 'reviews-v1-b': 45, 'reviews-v2-a': 10 },
    },
    {
      name: 'host form reviews.bookinfo',
      input: { virtualServices: [weighted(['reviews.bookinfo'], [90, 10])] },
      byVersion: { v1: 90, v2: 10 },
    },
    {
      name: 'host form reviews.bookinfo.svc.cluster.local',
      input: { virtualServices: [weighted(['reviews.bookinfo.svc.cluster.local'], [90, 10])] },
      byVersion: { v1: 90, v2: 10 },
    },
    {
      name: 'short host in a VirtualService of another namespace names another service',
      input: { virtualServices: [weighted(['reviews'], [0, 100], ['v1', 'v2'], { namespace: 'default' })] },
      byVersion: { v1: 66.666667, v2: 33.333333 },
    },
    {
      name: 'wildcard host',
      input: { virtualServices: [weighted(['*.bookinfo.svc.cluster.local'], [20, 80])] },
      byVersion: { v1: 20, v2: 80 },
    },
    {
      name: 'a VirtualService bound only to a gateway does not route mesh traffic',
      input: { virtualServices: [weighted(['reviews'], [0, 100], ['v1', 'v2'], { gateways: ['bookinfo-gateway'] })] },
      byVersion: { v1: 66.666667, v2: 33.333333 },
    },
    {
      name: 'a VirtualService bound to mesh and a gateway routes mesh traffic',
      input: { virtualServices: [weighted(['reviews'], [0, 100], ['v1', 'v2'], { gateways: ['bookinfo-gateway', 'mesh'] })] },
      byVersion: { v2: 100 },
    },
    {
      name: 'single route without weight takes everything',
      input: { virtualServices: [weighted(['reviews'], [undefined], ['v2'])] },
      byPod: { 'reviews-v2-a': 100 },
    },
    {
      name: 'weights that do not sum to 100 are normalised and reported',
      input: { virtualServices: [weighted(['reviews'], [45, 5])] },
      byVersion: { v1: 90, v2: 10 },
      issues: ['VirtualService/WeightsNormalized'],
    },
    {
      name: 'a missing weight among several routes is 0',
      input: { virtualServices: [weighted(['reviews'], [100, undefined])] },
      byVersion: { v1: 100 },
    },
    {
      name: 'all-zero weights split evenly and are reported',
      input: { virtualServices: [weighted(['reviews'], [0, 0])] },
      byVersion: { v1: 50, v2: 50 },
      issues: ['VirtualService/InvalidWeights'],
    },
    {
      name: 'a subset whose pods are all not ready receives nothing',
      input: { virtualServices: [weighted(['reviews'], [50, 50], ['v1', 'v3'])] },
      byVersion: { v1: 50 },
      unrouted: [['NoReadyEndpoints', 50]],
    },
    {
      name: 'an undefined subset is unrouted and reported',
      input: { virtualServices: [weighted(['reviews'], [80, 20], ['v1', 'v9'])] },
      byVersion: { v1: 80 },
      unrouted: [['UnknownSubset', 20]],
      issues: ['VirtualService/UnknownSubset'],
    },
    {
      name: 'subsets without a DestinationRule are unknown',
      input: { virtualServices: [weighted(['reviews'], [90, 10])], destinationRules: [] },
      unrouted: [['UnknownSubset', 90], ['UnknownSubset', 10]],
      issues: ['VirtualService/UnknownSubset', 'VirtualService/UnknownSubset'],
    },
    {
      name: 'invalid request-rate annotation: default rate and an issue on the Service',
      input: { service: { ...reviews, annotations: { [ANNOTATION_REQUEST_RATE]: 'many' } } },
      byVersion: { v1: 66.666667, v2: 33.333333 },
      issues: ['Service/InvalidAnnotation'],
    },
  ];
  for (const c of cases) {
    const result = route(c.input);
    if (c.byPod) assert.deepEqual(ratesByPod(result), c.byPod, c.name);
    if (c.byVersion) assert.deepEqual(ratesByVersion(result), c.byVersion, c.name);
    assert.deepEqual(
      result.unrouted.map((u) => [u.reason, Math.round(u.rate * 1e6) / 1e6]),
      c.unrouted ?? [],
      c.name,
    );
    assert.deepEqual(
      result.issues.map((i) => `${i.kind}/${i.reason}`),
      c.issues ?? [],
      `${c.name}: ${JSON.stringify(result.issues)}`,
    );
  }
});

test('header-match A/B: the header mix fraction follows the matching rule', () => {
  const service: MeshService = { ...reviews, annotations: { [ANNOTATION_HEADER_MIX]: '[{"headers":{"x-canary":"true"},"fraction":0.1},{"headers":{"x-user":"beta-42"},"fraction":0.05}]' } };
  const matchCases: { name: string; match: unknown; v2: number }[] = [
    { name: 'exact', match: [{ headers: { 'x-canary': { exact: 'true' } } }], v2: 10 },
    { name: 'header names are case-insensitive', match: [{ headers: { 'X-Canary': { exact: 'true' } } }], v2: 10 },
    { name: 'prefix', match: [{ headers: { 'x-user': { prefix: 'beta-' } } }], v2: 5 },
    { name: 'regex is a full match', match: [{ headers: { 'x-user': { regex: 'beta-[0-9]+' } } }], v2: 5 },
    { name: 'regex partial does not match', match: [{ headers: { 'x-user': { regex: 'beta' } } }], v2: 0 },
    { name: 'presence', match: [{ headers: { 'x-user': {} } }], v2: 5 },
    { name: 'OR of match blocks', match: [{ headers: { 'x-canary': { exact: 'true' } } }, { headers: { 'x-user': { prefix: 'beta' } } }], v2: 15 },
    { name: 'AND inside a block', match: [{ headers: { 'x-canary': { exact: 'true' }, 'x-user': { prefix: 'beta' } } }], v2: 0 },
    { name: 'uri prefix matches every request (all are GET /)', match: [{ uri: { prefix: '/' } }], v2: 100 },
    { name: 'uri exact /api matches none', match: [{ uri: { exact: '/api' } }], v2: 0 },
    { name: 'withoutHeaders', match: [{ withoutHeaders: { 'x-canary': { exact: 'true' } } }], v2: 90 },
    { name: 'method', match: [{ method: { exact: 'GET' } }], v2: 100 },
    { name: 'port of the Service', match: [{ port: 9080 }], v2: 100 },
    { name: 'another port', match: [{ port: 8080 }], v2: 0 },
    { name: 'query params never match', match: [{ queryParams: { debug: { exact: '1' } } }], v2: 0 },
  ];
  for (const c of matchCases) {
    const vs = obj('VirtualService', 'reviews', {
      hosts: ['reviews'],
      http: [
        { match: c.match, route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
        { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
      ],
    });
    const result = route({ service, virtualServices: [vs] });
    const byVersion = ratesByVersion(result);
    assert.equal(byVersion.v2 ?? 0, c.v2, c.name);
    assert.equal(byVersion.v1 ?? 0, Math.round((100 - c.v2) * 1e6) / 1e6, c.name);
    assert.deepEqual(result.issues, [], c.name);
  }
});

test('requests no rule matches are unrouted; bad matches are reported', () => {
  const vs = obj('VirtualService', 'reviews', {
    hosts: ['reviews'],
    http: [
      { match: [{ headers: { 'x-user': { regex: '(' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
      { match: [{ authority: { exact: 'reviews' } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
      { match: [{ headers: { 'x-canary': { exact: 'true' } } }], route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
    ],
  });
  const service: MeshService = { ...reviews, annotations: { [ANNOTATION_HEADER_MIX]: '[{"headers":{"x-canary":"true","x-user":"a"},"fraction":0.25}]' } };
  const result = route({ service, virtualServices: [vs] });
  assert.deepEqual(ratesByVersion(result), { v1: 25 });
  assert.deepEqual(result.unrouted, [{ reason: 'NoMatchingRoute', host: 'reviews.bookinfo.svc.cluster.local', rate: 75 }]);
  assert.deepEqual(result.issues.map((i) => i.reason).sort(), ['InvalidMatch', 'UnsupportedMatch']);
});

test('the oldest VirtualService for a host wins and the others are reported', () => {
  const older = weighted(['reviews'], [100, 0], ['v1', 'v2'], { created: '2024-01-01T00:00:00Z' });
  const newer = { ...weighted(['reviews.bookinfo.svc.cluster.local'], [0, 100], ['v1', 'v2'], { created: '2024-06-01T00:00:00Z' }) };
  const result = route({ virtualServices: [newer, older] });
  assert.deepEqual(ratesByVersion(result), { v1: 100 });
  assert.deepEqual(result.virtualService, { namespace: NS, name: 'vs-reviews' });
  assert.equal(result.issues.length, 1);
  assert.equal(result.issues[0]!.reason, 'VirtualServiceConflict');
  assert.equal(result.issues[0]!.name, 'vs-reviews.bookinfo.svc.cluster.local');
});

test('routes to another Service use that Service and its pods', () => {
  const canary: MeshService = { namespace: NS, name: 'reviews-canary', selector: { app: 'reviews', version: 'v2' } };
  const vs = obj('VirtualService', 'reviews', {
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 70 }, { destination: { host: 'reviews-canary' }, weight: 20 }, { destination: { host: 'nowhere' }, weight: 10 }] }],
  });
  const result = route({ virtualServices: [vs], services: [canary] });
  assert.deepEqual(ratesByPod(result), { 'reviews-v2-a': 20, 'reviews-v1-a': 35, 'reviews-v1-b': 35 });
  const toCanary = result.flows.find((f) => f.pod.name === 'reviews-v2-a')!;
  assert.equal(toCanary.labels.destination_service, 'reviews-canary.bookinfo.svc.cluster.local');
  assert.equal(toCanary.labels.destination_service_name, 'reviews-canary');
  assert.deepEqual(result.unrouted, [{ reason: 'UnknownHost', host: 'nowhere.bookinfo.svc.cluster.local', rate: 10 }]);
  assert.deepEqual(result.issues.map((i) => i.reason), ['UnknownHost']);
});

test('flows carry Istio destination labels and pod behaviour', () => {
  const local: MeshPod[] = [
    pod('a', { app: 'reviews', version: 'v1' }, { workload: 'reviews-v1', serviceAccountName: 'bookinfo-reviews' }),
    pod('b', { app: 'reviews' }, {}),
    pod('c', { app: 'reviews', version: 'v2', 'service.istio.io/canonical-name': 'reviews-canon' }, { workload: 'reviews-v2', annotations: { [ANNOTATION_WORKLOAD]: 'reviews', [ANNOTATION_ERROR_RATIO]: 'oops' } }),
  ];
  const result = route({ pods: local, cluster: 'edge-7' });
  const [a, b, c] = result.flows;
  assert.deepEqual(
    [a!.labels.destination_workload, a!.labels.destination_version, a!.labels.destination_canonical_revision, a!.labels.destination_principal],
    ['reviews-v1', 'v1', 'v1', 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews'],
  );
  assert.deepEqual([b!.labels.destination_workload, b!.labels.destination_version, b!.labels.destination_canonical_revision], ['reviews', 'unknown', 'latest']);
  assert.deepEqual([c!.labels.destination_workload, c!.labels.destination_canonical_service], ['reviews', 'reviews-canon']);
  assert.equal(a!.labels.destination_cluster, 'edge-7');
  assert.equal(a!.labels.source_cluster, 'edge-7');
  assert.equal(a!.labels.reporter, 'destination');
  assert.equal(a!.labels.destination_service, 'reviews.bookinfo.svc.cluster.local');
  assert.equal(c!.errorRatio, 0);
  assert.deepEqual(result.issues.map((i) => `${i.kind}/${i.name}/${i.reason}`), ['Pod/c/InvalidAnnotation']);
  const plain = route({ pods: local, source: { ...DEFAULT_TRAFFIC_SOURCE, mutualTls: false } }).flows[0]!.labels;
  assert.deepEqual([plain.connection_security_policy, plain.source_principal, plain.destination_principal], ['none', 'unknown', 'unknown']);
  assert.equal(a!.labels.connection_security_policy, 'mutual_tls');
  assert.equal(a!.labels.source_principal, 'spiffe://cluster.local/ns/kurator-sim/sa/kurator-sim-client');
  const withErrors = route({}).flows.find((f) => f.pod.name === 'reviews-v2-a')!;
  assert.equal(withErrors.errorRatio, 0.2);
});

test('a Service without a selector has no endpoints', () => {
  const result = route({ service: { namespace: NS, name: 'reviews' } });
  assert.deepEqual(result.flows, []);
  assert.deepEqual(result.unrouted, [{ reason: 'NoReadyEndpoints', host: 'reviews.bookinfo.svc.cluster.local', rate: 100 }]);
});

test('rule actions, malformed routes and source conditions', () => {
  const toV2 = [{ destination: { host: 'reviews', subset: 'v2' } }];
  const cases: { name: string; http: unknown; byVersion: Record<string, number>; unrouted?: [string, number][]; issues?: string[] }[] = [
    { name: 'redirect answers without reaching pods', http: [{ redirect: { uri: '/v2' } }], byVersion: {}, unrouted: [['NonRouteAction', 100]] },
    { name: 'a rule with neither route nor action is reported', http: [{ match: [{ uri: { prefix: '/' } }] }], byVersion: {}, unrouted: [['NonRouteAction', 100]], issues: ['InvalidRoute'] },
    {
      name: 'route entries without a host are skipped, bad weights count as 0',
      http: [{ route: [{ weight: 50 }, { destination: { host: 'reviews', subset: 'v1' }, weight: 'half' }, { destination: { host: 'reviews', subset: 'v2' }, weight: 100 }] }],
      byVersion: { v2: 100 },
      issues: ['InvalidRoute', 'InvalidWeight'],
    },
    { name: 'sourceLabels of the simulated client match', http: [{ match: [{ sourceLabels: { app: 'kurator-sim-client' } }], route: toV2 }], byVersion: { v2: 100 } },
    { name: 'other sourceLabels do not', http: [{ match: [{ sourceLabels: { app: 'productpage' } }], route: toV2 }], byVersion: {}, unrouted: [['NoMatchingRoute', 100]] },
    { name: 'sourceNamespace of the simulated client', http: [{ match: [{ sourceNamespace: 'kurator-sim' }], route: toV2 }], byVersion: { v2: 100 } },
    { name: 'a match bound to a gateway does not apply to mesh traffic', http: [{ match: [{ gateways: ['public'] }], route: toV2 }], byVersion: {}, unrouted: [['NoMatchingRoute', 100]] },
    { name: 'match must be a list', http: [{ match: { uri: { prefix: '/' } }, route: toV2 }], byVersion: {}, unrouted: [['NoMatchingRoute', 100]], issues: ['InvalidMatch'] },
    { name: 'a string match needs exact, prefix or regex', http: [{ match: [{ uri: { suffix: 'x' } }], route: toV2 }], byVersion: {}, unrouted: [['NoMatchingRoute', 100]], issues: ['InvalidMatch'] },
    { name: 'ignoreUriCase', http: [{ match: [{ uri: { exact: '/' }, ignoreUriCase: true }], route: toV2 }], byVersion: { v2: 100 } },
  ];
  for (const c of cases) {
    const result = route({ virtualServices: [obj('VirtualService', 'reviews', { hosts: ['reviews'], http: c.http })] });
    assert.deepEqual(ratesByVersion(result), c.byVersion, c.name);
    assert.deepEqual(result.unrouted.map((u) => [u.reason, u.rate]), c.unrouted ?? [], c.name);
    assert.deepEqual(result.issues.map((i) => i.reason), c.issues ?? [], c.name);
  }
});
