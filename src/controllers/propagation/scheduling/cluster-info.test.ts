import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableReplicas, effectiveTaints, NOT_READY_TAINT_KEY, UNREACHABLE_TAINT_KEY, type ClusterInfo, type ResourceList } from './cluster-info.js';

const cluster = (extra: Partial<ClusterInfo>): ClusterInfo => ({ name: 'member1', labels: {}, taints: [], ready: true, ...extra });

interface Case {
  name: string;
  cluster: ClusterInfo;
  requests?: ResourceList;
  want: number | undefined;
}

const summary = { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, allocated: { cpu: '1', memory: '2Gi', pods: '10' } };

const cases: Case[] = [
  { name: 'no resource summary: unknown', cluster: cluster({}), want: undefined },
  { name: 'no requests: free pod slots', cluster: cluster(summary), want: 100 },
  { name: 'cpu 500m and memory 1Gi: 3 cpu and 6Gi free fit 6', cluster: cluster(summary), requests: { cpu: '500m', memory: '1Gi' }, want: 6 },
  { name: 'memory 2Gi is the tighter bound', cluster: cluster(summary), requests: { cpu: '500m', memory: '2Gi' }, want: 3 },
  {
    name: 'allocating counts as used',
    cluster: cluster({ ...summary, allocating: { cpu: '2', pods: '1' } }),
    requests: { cpu: '500m' },
    want: 2,
  },
  { name: '100m out of 1 cpu is 10, not 9', cluster: cluster({ allocatable: { cpu: '1', pods: '110' } }), requests: { cpu: '100m' }, want: 10 },
  { name: 'a resource the cluster lacks fits nothing', cluster: cluster(summary), requests: { 'nvidia.com/gpu': '1' }, want: 0 },
  { name: 'a zero request is ignored', cluster: cluster(summary), requests: { 'nvidia.com/gpu': '0', cpu: '1' }, want: 3 },
  { name: 'no free cpu fits nothing', cluster: cluster({ ...summary, allocated: { cpu: '4', pods: '10' } }), requests: { cpu: '100m' }, want: 0 },
  { name: 'a summary without pods fits nothing', cluster: cluster({ allocatable: { cpu: '4' } }), want: 0 },
  { name: 'pods full', cluster: cluster({ allocatable: { pods: '10' }, allocated: { pods: '12' } }), want: 0 },
  { name: 'reported estimate alone', cluster: cluster({ available: { replicas: 4 } }), want: 4 },
  { name: 'smaller of summary and reported estimate', cluster: cluster({ ...summary, available: { replicas: 4 } }), requests: { cpu: '500m' }, want: 4 },
  { name: 'summary below reported estimate', cluster: cluster({ ...summary, available: { replicas: 40 } }), requests: { cpu: '500m' }, want: 6 },
];

for (const c of cases) {
  test(`availableReplicas: ${c.name}`, () => {
    assert.equal(availableReplicas(c.cluster, c.requests), c.want);
  });
}

test('effectiveTaints: a cluster that is not ready carries the not-ready taint', () => {
  assert.deepEqual(effectiveTaints(cluster({ ready: false })), [{ key: NOT_READY_TAINT_KEY, effect: 'NoSchedule' }]);
  const unreachable = { key: UNREACHABLE_TAINT_KEY, effect: 'NoSchedule' };
  assert.deepEqual(effectiveTaints(cluster({ ready: false, taints: [unreachable] })), [unreachable], 'the caller’s marking wins');
  assert.deepEqual(effectiveTaints(cluster({ ready: true })), []);
});
