import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterInfo } from './cluster-info.js';
import { selectGroups } from './select-groups.js';
import { selectClusters, type CandidateCluster } from './spread.js';
import type { Placement } from './types.js';

const candidate = (name: string, score: number, availableReplicas: number, extra: Partial<ClusterInfo> = {}): CandidateCluster => ({
  cluster: { name, labels: {}, taints: [], ready: true, ...extra },
  score,
  availableReplicas,
});

const dividedDynamic: Placement['replicaScheduling'] = {
  replicaSchedulingType: 'Divided',
  replicaDivisionPreference: 'Weighted',
  weightPreference: { dynamicWeight: 'AvailableReplicas' },
};

// Karmada's select_clusters_by_cluster.go example: two clusters for 80 replicas; member1+member2 hold only 70.
const scored = [candidate('member1', 60, 40), candidate('member2', 50, 30), candidate('member3', 40, 60)];

const regional = [
  candidate('c1', 0, 10, { region: 'r1' }),
  candidate('c2', 0, 10, { region: 'r1' }),
  candidate('c3', 0, 10, { region: 'r2' }),
  candidate('c4', 0, 10, { region: 'r3' }),
];

interface Case {
  name: string;
  placement: Placement;
  candidates: CandidateCluster[];
  replicas: number;
  want: string[] | { error: string };
}

const cases: Case[] = [
  { name: 'no constraints: every cluster, best score first', placement: {}, candidates: scored, replicas: 10, want: ['member1', 'member2', 'member3'] },
  {
    name: 'cluster maxGroups 2, duplicated: the two best scores',
    placement: { spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2 }] },
    candidates: scored,
    replicas: 80,
    want: ['member1', 'member2'],
  },
  {
    name: 'cluster maxGroups 2, 80 replicas divided: swap in the roomier member3',
    placement: { spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2 }], replicaScheduling: dividedDynamic },
    candidates: scored,
    replicas: 80,
    want: ['member1', 'member3'],
  },
  {
    name: 'cluster maxGroups 2, 120 replicas divided: not enough room',
    placement: { spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2 }], replicaScheduling: dividedDynamic },
    candidates: scored,
    replicas: 120,
    want: { error: 'no enough resource when selecting 2 clusters' },
  },
  {
    name: 'cluster minGroups 4 with 3 feasible clusters',
    placement: { spreadConstraints: [{ spreadByField: 'cluster', minGroups: 4 }] },
    candidates: scored,
    replicas: 1,
    want: { error: 'the number of feasible clusters is less than spreadConstraint.MinGroups' },
  },
  {
    name: 'a constraint without field or label spreads by cluster',
    placement: { spreadConstraints: [{ maxGroups: 1 }] },
    candidates: scored,
    replicas: 1,
    want: ['member1'],
  },
  {
    name: 'static weights ignore spread constraints',
    placement: { spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 1 }], replicaScheduling: { type: 'Weighted', weights: { member1: 1 } } },
    candidates: scored,
    replicas: 3,
    want: ['member1', 'member2', 'member3'],
  },
  {
    name: 'equal scores: by name',
    placement: {},
    candidates: [candidate('b', 0, 1), candidate('a', 0, 1)],
    replicas: 1,
    want: ['a', 'b'],
  },
  {
    name: 'region 2..2 and cluster 3..3: a two-region choice holding three clusters',
    placement: { spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 3, maxGroups: 3 }] },
    candidates: regional,
    replicas: 3,
    want: ['c1', 'c3', 'c2'],
  },
  {
    name: 'region 1..3 with cluster 1..1: one cluster of the region with most clusters',
    placement: { spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 3 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }] },
    candidates: regional,
    replicas: 3,
    want: ['c1'],
  },
  {
    name: 'region prefers the group holding the workload (higher score)',
    placement: { spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 1 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }] },
    candidates: [candidate('c1', 0, 10, { region: 'r1' }), candidate('c4', 100, 10, { region: 'r3' })],
    replicas: 3,
    want: ['c4'],
  },
  {
    name: 'region minGroups 4 with 3 regions',
    placement: { spreadConstraints: [{ spreadByField: 'region', minGroups: 4 }, { spreadByField: 'cluster', minGroups: 1 }] },
    candidates: regional,
    replicas: 3,
    want: { error: 'the number of feasible region groups is less than spreadConstraint.MinGroups' },
  },
  {
    name: 'region 1..1 cannot hold cluster minGroups 3',
    placement: { spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 1 }, { spreadByField: 'cluster', minGroups: 3 }] },
    candidates: regional,
    replicas: 3,
    want: { error: 'the number of clusters is less than the cluster spreadConstraint.MinGroups' },
  },
  {
    name: 'spread by label: one cluster per label value',
    placement: { spreadConstraints: [{ spreadByLabel: 'site', minGroups: 2, maxGroups: 2 }] },
    candidates: [
      candidate('x1', 0, 5, { labels: { site: 'x' } }),
      candidate('x2', 0, 5, { labels: { site: 'x' } }),
      candidate('y1', 0, 5, { labels: { site: 'y' } }),
    ],
    replicas: 2,
    want: ['x1', 'y1'],
  },
  {
    name: 'spread by zone, then fill with the roomiest remaining cluster',
    placement: { spreadConstraints: [{ spreadByField: 'zone', minGroups: 2, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 2, maxGroups: 3 }] },
    candidates: [
      candidate('a1', 0, 5, { zone: 'a' }),
      candidate('a2', 0, 50, { zone: 'a' }),
      candidate('b1', 0, 5, { zone: 'b' }),
      candidate('b2', 0, 9, { zone: 'b' }),
    ],
    replicas: 2,
    want: ['a1', 'b1', 'a2'],
  },
];

for (const c of cases) {
  test(`spread: ${c.name}`, () => {
    const result = selectClusters(c.placement, c.candidates, c.replicas);
    if (Array.isArray(c.want)) {
      assert.ok('clusters' in result, JSON.stringify(result));
      assert.deepEqual(
        result.clusters.map((x) => x.name),
        c.want,
      );
    } else {
      assert.deepEqual(result, c.want);
    }
  });
}

// Karmada's select_groups.go example: groups of 2, 3, 6 and 7 clusters, target 7, exactly two groups.
test('selectGroups: the fewest clusters reaching the target among equal scores', () => {
  const groups = [
    { name: 'g2', clusters: 2, score: 0 },
    { name: 'g3', clusters: 3, score: 0 },
    { name: 'g6', clusters: 6, score: 0 },
    { name: 'g7', clusters: 7, score: 0 },
  ];
  // Feasible pairs: [2,6] [2,7] [3,6] [3,7] [6,7]; the most clusters wins a score tie.
  assert.deepEqual(
    selectGroups(groups, 2, 2, 7)?.map((g) => g.name),
    ['g6', 'g7'],
  );
  assert.deepEqual(
    selectGroups(groups, 1, 1, 7)?.map((g) => g.name),
    ['g7'],
  );
  assert.equal(selectGroups(groups, 1, 1, 8), undefined);
});

test('selectGroups: a higher score beats more clusters', () => {
  const groups = [
    { name: 'small', clusters: 1, score: 100 },
    { name: 'big', clusters: 5, score: 0 },
    { name: 'bigger', clusters: 6, score: 0 },
  ];
  assert.deepEqual(
    selectGroups(groups, 2, 2, 2)?.map((g) => g.name),
    ['small', 'bigger'],
  );
});
