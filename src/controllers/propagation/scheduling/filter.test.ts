import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterInfo } from './cluster-info.js';
import { AFFINITY_MISMATCH, feasibleClusters, namespaceAllowed, type FilterOptions } from './filter.js';
import type { Placement } from './types.js';

const c = (name: string, extra: Partial<ClusterInfo> = {}): ClusterInfo => ({ name, labels: {}, taints: [], ready: true, ...extra });

const fleet: ClusterInfo[] = [
  c('member1', { labels: { env: 'prod', tier: 'gold' }, provider: 'aws', region: 'us-east-1', zones: ['us-east-1a'] }),
  c('member2', { labels: { env: 'prod' }, provider: 'huawei', region: 'cn-north-4', zones: ['cn-north-4a', 'cn-north-4b'] }),
  c('member3', { labels: { env: 'dev' } }),
];

interface Case {
  name: string;
  placement: Placement | undefined;
  clusters?: ClusterInfo[];
  options?: FilterOptions;
  feasible: string[];
  reasons?: Record<string, string>;
  affinityIndex?: number;
}

const cases: Case[] = [
  { name: 'no placement: every cluster', placement: undefined, feasible: ['member1', 'member2', 'member3'] },
  {
    name: 'clusterNames',
    placement: { clusterAffinity: { clusterNames: ['member1', 'member3'] } },
    feasible: ['member1', 'member3'],
    reasons: { member2: AFFINITY_MISMATCH },
  },
  { name: 'exclude wins over clusterNames', placement: { clusterAffinity: { clusterNames: ['member1', 'member2'], exclude: ['member1'] } }, feasible: ['member2'] },
  { name: 'labelSelector matchLabels', placement: { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } }, feasible: ['member1', 'member2'] },
  {
    name: 'labelSelector matchExpressions NotIn',
    placement: { clusterAffinity: { labelSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] } } },
    feasible: ['member3'],
  },
  { name: 'labels and names are ANDed', placement: { clusterAffinity: { clusterNames: ['member2', 'member3'], labelSelector: { matchLabels: { env: 'prod' } } } }, feasible: ['member2'] },
  {
    name: 'fieldSelector provider In',
    placement: { clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] } } },
    feasible: ['member1'],
  },
  {
    name: 'fieldSelector region NotIn also keeps clusters without a region',
    placement: { clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['us-east-1'] }] } } },
    feasible: ['member2', 'member3'],
  },
  {
    name: 'fieldSelector zone In needs every zone of the cluster listed',
    placement: { clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['us-east-1a', 'cn-north-4a'] }] } } },
    feasible: ['member1'],
  },
  {
    name: 'fieldSelector zone NotIn rejects a cluster with any listed zone',
    placement: { clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['cn-north-4b'] }] } } },
    feasible: ['member1', 'member3'],
  },
  {
    name: 'untolerated NoSchedule taint',
    placement: {},
    clusters: [c('a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), c('b')],
    feasible: ['b'],
    reasons: { a: 'cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}' },
  },
  {
    name: 'untolerated NoExecute taint',
    placement: {},
    clusters: [c('a', { taints: [{ key: 'maintenance', effect: 'NoExecute' }] })],
    feasible: [],
    reasons: { a: 'cluster(s) had untolerated taint {maintenance:NoExecute}' },
  },
  { name: 'PreferNoSchedule does not filter', placement: {}, clusters: [c('a', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] })], feasible: ['a'] },
  {
    name: 'toleration with Equal value',
    placement: { clusterTolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] },
    clusters: [c('a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), c('b', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] })],
    feasible: ['a'],
  },
  {
    name: 'toleration Exists without key tolerates everything',
    placement: { clusterTolerations: [{ operator: 'Exists' }] },
    clusters: [c('a', { taints: [{ key: 'x', effect: 'NoExecute' }, { key: 'y', value: 'z', effect: 'NoSchedule' }] })],
    feasible: ['a'],
  },
  {
    name: 'a cluster that is not ready is tainted not-ready',
    placement: {},
    clusters: [c('a', { ready: false }), c('b')],
    feasible: ['b'],
    reasons: { a: 'cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}' },
  },
  {
    name: 'tolerating not-ready admits a cluster that is not ready',
    placement: { clusterTolerations: [{ key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }] },
    clusters: [c('a', { ready: false })],
    feasible: ['a'],
  },
  {
    name: 'an unreachable cluster keeps the caller’s unreachable taint',
    placement: { clusterTolerations: [{ key: 'cluster.karmada.io/not-ready', operator: 'Exists' }] },
    clusters: [c('a', { ready: false, taints: [{ key: 'cluster.karmada.io/unreachable', effect: 'NoSchedule' }] })],
    feasible: [],
    reasons: { a: 'cluster(s) had untolerated taint {cluster.karmada.io/unreachable:NoSchedule}' },
  },
  {
    name: 'taints are not re-checked for clusters already scheduled',
    placement: {},
    clusters: [c('a', { taints: [{ key: 'x', effect: 'NoSchedule' }] })],
    options: { scheduled: ['a'] },
    feasible: ['a'],
  },
  { name: 'a cluster being deleted is never feasible', placement: {}, clusters: [c('a', { deleting: true })], feasible: [], reasons: { a: 'cluster is being deleted' } },
  {
    name: 'API enablement: missing kind',
    placement: {},
    clusters: [
      c('a', { apiEnablements: [{ groupVersion: 'apps/v1', kinds: ['Deployment'] }] }),
      c('b', { apiEnablements: [{ groupVersion: 'apps/v1', kinds: ['StatefulSet'] }] }),
      c('unknown'),
    ],
    options: { resource: { apiVersion: 'apps/v1', kind: 'Deployment' } },
    feasible: ['a', 'unknown'],
    reasons: { b: 'no such API resource' },
  },
  {
    name: 'spread by region needs a region',
    placement: { spreadConstraints: [{ spreadByField: 'region', minGroups: 1 }, { spreadByField: 'cluster' }] },
    feasible: ['member1', 'member2'],
    reasons: { member3: "cluster(s) didn't have region property" },
  },
  {
    name: 'spread by label needs the label',
    placement: { spreadConstraints: [{ spreadByLabel: 'tier' }] },
    feasible: ['member1'],
    reasons: { member2: "cluster(s) didn't have label tier", member3: "cluster(s) didn't have label tier" },
  },
  {
    name: 'spread by a label named like an Object member needs that label too',
    placement: { spreadConstraints: [{ spreadByLabel: 'constructor' }] },
    feasible: [],
    reasons: { member1: "cluster(s) didn't have label constructor", member2: "cluster(s) didn't have label constructor", member3: "cluster(s) didn't have label constructor" },
  },
  {
    name: 'clusterAffinities: the first term that leaves a cluster wins',
    placement: {
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: ['nowhere'] },
        { affinityName: 'backup', labelSelector: { matchLabels: { env: 'prod' } } },
        { affinityName: 'last', clusterNames: ['member3'] },
      ],
    },
    feasible: ['member1', 'member2'],
    affinityIndex: 1,
  },
  {
    name: 'clusterAffinities: the search starts at the observed term',
    placement: {
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: ['member1'] },
        { affinityName: 'backup', clusterNames: ['member3'] },
      ],
    },
    options: { observedAffinityName: 'backup' },
    feasible: ['member3'],
    affinityIndex: 1,
  },
  {
    name: 'clusterAffinities: no term fits',
    placement: { clusterAffinities: [{ affinityName: 'a', clusterNames: ['x'] }, { affinityName: 'b', clusterNames: ['y'] }] },
    feasible: [],
    affinityIndex: -1,
  },
  {
    name: 'clusterAffinities: an explicit term',
    placement: { clusterAffinities: [{ affinityName: 'a', clusterNames: ['member1'] }, { affinityName: 'b', clusterNames: ['member2'] }] },
    options: { affinityIndex: 1 },
    feasible: ['member2'],
    affinityIndex: 1,
  },
];

for (const tc of cases) {
  test(`filter: ${tc.name}`, () => {
    const result = feasibleClusters(tc.placement, tc.clusters ?? fleet, tc.options);
    assert.deepEqual(
      result.feasible.map((x) => x.name),
      tc.feasible,
    );
    if (tc.reasons) assert.deepEqual(result.reasons, tc.reasons);
    assert.equal(result.affinityIndex, tc.affinityIndex);
  });
}

const namespaceCases: { name: string; placement: Placement | undefined; namespace?: string; labels?: Record<string, string>; want: boolean }[] = [
  { name: 'no namespaceAffinity', placement: {}, namespace: 'anything', want: true },
  { name: 'listed namespace', placement: { namespaceAffinity: { namespaces: ['default'] } }, namespace: 'default', want: true },
  { name: 'unlisted namespace', placement: { namespaceAffinity: { namespaces: ['default'] } }, namespace: 'kube-system', want: false },
  { name: 'excluded namespace', placement: { namespaceAffinity: { exclude: ['kube-system'] } }, namespace: 'kube-system', want: false },
  {
    name: 'namespace labels',
    placement: { namespaceAffinity: { labelSelector: { matchLabels: { team: 'shop' } } } },
    namespace: 'checkout',
    labels: { team: 'shop' },
    want: true,
  },
  { name: 'namespace labels not matching', placement: { namespaceAffinity: { labelSelector: { matchLabels: { team: 'shop' } } } }, namespace: 'checkout', want: false },
  { name: 'cluster-scoped template', placement: { namespaceAffinity: { namespaces: ['default'] } }, namespace: undefined, want: true },
];

for (const tc of namespaceCases) {
  test(`namespaceAllowed: ${tc.name}`, () => {
    assert.equal(namespaceAllowed(tc.placement, tc.namespace, tc.labels), tc.want);
  });
}
