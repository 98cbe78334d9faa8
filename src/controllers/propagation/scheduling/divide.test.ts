import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterInfo } from './cluster-info.js';
import {
  divideAggregated,
  divideByDynamicWeight,
  divideByStaticWeight,
  divideDuplicated,
  staticWeigher,
  type DivideResult,
} from './divide.js';
import { clusterMatchesAffinity } from './affinity.js';
import { weightsToStaticList } from './strategy.js';
import type { StaticClusterWeight, TargetCluster } from './types.js';

const cluster = (name: string, labels: Record<string, string> = {}): ClusterInfo => ({ name, labels, taints: [], ready: true });
const clusters = (...names: string[]): ClusterInfo[] => names.map((n) => cluster(n));
const tc = (spec: Record<string, number>): TargetCluster[] => Object.entries(spec).map(([name, replicas]) => ({ name, replicas }));

// Keys whose FNV-32a parity picks each name order for exact ties.
const ASCENDING = 'a';
const DESCENDING = 'b';

interface Case {
  name: string;
  divide: () => TargetCluster[] | DivideResult;
  want: Record<string, number> | { error: string };
}

const staticCase = (
  name: string,
  names: string[],
  weights: StaticClusterWeight[] | undefined,
  replicas: number,
  want: Record<string, number>,
  key = ASCENDING,
): Case => ({ name, divide: () => divideByStaticWeight(clusters(...names), weights, replicas, key), want });

const cases: Case[] = [
  // Static weights (Webster since Karmada v1.16).
  staticCase('replica 9, weights 1:3', ['member1', 'member2'], weightsToStaticList({ member1: 1, member2: 3 }), 9, { member1: 2, member2: 7 }),
  staticCase('replica 9, weights 1:2', ['member1', 'member2'], weightsToStaticList({ member1: 1, member2: 2 }), 9, { member1: 3, member2: 6 }),
  // 10 at 1:1:1 is 3:3:3 plus one exact tie; the binding's tie order decides who gets the 4th.
  staticCase('replica 10, weights 1:1:1, ascending tie order', ['m1', 'm2', 'm3'], undefined, 10, { m1: 4, m2: 3, m3: 3 }, ASCENDING),
  staticCase('replica 10, weights 1:1:1, descending tie order', ['m1', 'm2', 'm3'], undefined, 10, { m1: 3, m2: 3, m3: 4 }, DESCENDING),
  staticCase('replica 10, seed weights 50:30:20', ['asia', 'eu', 'us'], weightsToStaticList({ asia: 50, eu: 30, us: 20 }), 10, { asia: 5, eu: 3, us: 2 }),
  staticCase('replica 0, weights 1:3', ['member1', 'member2'], weightsToStaticList({ member1: 1, member2: 3 }), 0, {}),
  staticCase('replica 2, weights 1:1:1 (more clusters than replicas)', ['m1', 'm2', 'm3'], undefined, 2, { m1: 1, m2: 1 }, ASCENDING),
  staticCase('replica 2, weights 1:1:1 (more clusters than replicas), descending', ['m1', 'm2', 'm3'], undefined, 2, { m2: 1, m3: 1 }, DESCENDING),
  staticCase('replica 5, weights 0:1 (a weight of 0 gets nothing)', ['a', 'b'], weightsToStaticList({ a: 0, b: 1 }), 5, { b: 5 }),
  staticCase('replica 4, weights 0:0 (all zero means equal)', ['a', 'b'], weightsToStaticList({ a: 0, b: 0 }), 4, { a: 2, b: 2 }),
  staticCase('replica 6, cluster not in the weight list gets nothing', ['member1', 'member2', 'member3'], weightsToStaticList({ member1: 1, member2: 2 }), 6, {
    member1: 2,
    member2: 4,
  }),
  staticCase(
    'replica 8, a cluster matched by two entries takes the larger weight',
    ['member1', 'member2'],
    [
      { targetCluster: { clusterNames: ['member1'] }, weight: 1 },
      { targetCluster: { clusterNames: ['member1', 'member2'] }, weight: 3 },
    ],
    8,
    { member1: 4, member2: 4 },
  ),
  {
    name: 'replica 6, weights by label selector 2:1',
    divide: () =>
      divideByStaticWeight(
        [cluster('gold-1', { tier: 'gold' }), cluster('bronze-1', { tier: 'bronze' })],
        [
          { targetCluster: { labelSelector: { matchLabels: { tier: 'gold' } } }, weight: 2 },
          { targetCluster: { labelSelector: { matchLabels: { tier: 'bronze' } } }, weight: 1 },
        ],
        6,
        ASCENDING,
      ),
    want: { 'bronze-1': 2, 'gold-1': 4 },
  },
  // Duplicated.
  { name: 'replica 3, duplicated over 3 clusters', divide: () => divideDuplicated(['c', 'a', 'b'], 3), want: { a: 3, b: 3, c: 3 } },
  // Dynamic weight: availability is the weight (Karmada docs: 12 at A6/B12/C18 → 2/4/6).
  {
    name: 'replica 12, dynamic weight 6:12:18',
    divide: () => divideByDynamicWeight({ replicas: 12, available: tc({ A: 6, B: 12, C: 18 }), tieBreakKey: ASCENDING }),
    want: { A: 2, B: 4, C: 6 },
  },
  {
    name: 'replica 12, dynamic weight 0:12:24 (no room, no replicas)',
    divide: () => divideByDynamicWeight({ replicas: 12, available: tc({ A: 0, B: 12, C: 24 }), tieBreakKey: ASCENDING }),
    want: { B: 4, C: 8 },
  },
  {
    name: 'replica 40, dynamic weight 6:12:18 (not enough room)',
    divide: () => divideByDynamicWeight({ replicas: 40, available: tc({ A: 6, B: 12, C: 18 }), tieBreakKey: ASCENDING }),
    want: { error: 'Clusters available replicas 36 are not enough to schedule.' },
  },
  {
    name: 'replica 18, dynamic weight scale up from 2:4:6 with room 4:8:12',
    divide: () =>
      divideByDynamicWeight({ replicas: 18, available: tc({ A: 4, B: 8, C: 12 }), previous: tc({ A: 2, B: 4, C: 6 }), tieBreakKey: ASCENDING }),
    want: { A: 3, B: 6, C: 9 },
  },
  {
    name: 'replica 6, dynamic weight scale down from 2:4:6',
    divide: () =>
      divideByDynamicWeight({ replicas: 6, available: tc({ A: 100, B: 0, C: 0 }), previous: tc({ A: 2, B: 4, C: 6 }), tieBreakKey: ASCENDING }),
    want: { A: 1, B: 2, C: 3 },
  },
  {
    name: 'replica 12, dynamic weight unchanged keeps the previous result',
    divide: () =>
      divideByDynamicWeight({ replicas: 12, available: tc({ A: 100, B: 100, C: 100 }), previous: tc({ A: 2, B: 4, C: 6 }), tieBreakKey: ASCENDING }),
    want: { A: 2, B: 4, C: 6 },
  },
  {
    name: 'replica 6, dynamic weight, replicas of a cluster that left are placed again',
    divide: () =>
      divideByDynamicWeight({ replicas: 6, available: tc({ A: 10, B: 10 }), previous: tc({ A: 3, gone: 3 }), tieBreakKey: ASCENDING }),
    want: { A: 3, B: 3 },
  },
  {
    name: 'replica 6, dynamic weight fresh reschedule weighs room plus current replicas',
    divide: () =>
      divideByDynamicWeight({ replicas: 6, available: tc({ A: 0, B: 12 }), previous: tc({ A: 6 }), fresh: true, tieBreakKey: ASCENDING }),
    want: { A: 2, B: 4 },
  },
  {
    // 'constructor' is a valid cluster name: a name not scheduled before must count no current replicas.
    name: 'replica 6, dynamic weight fresh reschedule onto a cluster named constructor',
    divide: () =>
      divideByDynamicWeight({ replicas: 6, available: tc({ constructor: 12, A: 0 }), previous: tc({ A: 6 }), fresh: true, tieBreakKey: ASCENDING }),
    want: { A: 2, constructor: 4 },
  },
  // Aggregated: the fewest clusters (Karmada docs: 12 at A6/B12/C18 → all on C).
  {
    name: 'replica 12, aggregated 6:12:18',
    divide: () => divideAggregated({ replicas: 12, available: tc({ A: 6, B: 12, C: 18 }), tieBreakKey: ASCENDING }),
    want: { C: 12 },
  },
  {
    name: 'replica 20, aggregated 6:12:18 uses the two roomiest clusters',
    divide: () => divideAggregated({ replicas: 20, available: tc({ A: 6, B: 12, C: 18 }), tieBreakKey: ASCENDING }),
    want: { B: 8, C: 12 },
  },
  {
    name: 'replica 6, aggregated scale up stays on the cluster already in use',
    divide: () => divideAggregated({ replicas: 6, available: tc({ A: 10, B: 3, C: 20 }), previous: tc({ B: 4 }), tieBreakKey: ASCENDING }),
    want: { B: 6 },
  },
  {
    name: 'replica 40, aggregated 6:12:18 (not enough room)',
    divide: () => divideAggregated({ replicas: 40, available: tc({ A: 6, B: 12, C: 18 }), tieBreakKey: ASCENDING }),
    want: { error: 'Clusters available replicas 36 are not enough to schedule.' },
  },
];

for (const c of cases) {
  test(`divide: ${c.name}`, () => {
    const got = c.divide();
    const clustersOut = Array.isArray(got) ? got : 'clusters' in got ? got.clusters : undefined;
    if ('error' in c.want) {
      assert.deepEqual(got, c.want);
      return;
    }
    assert.ok(clustersOut, `unexpected error: ${JSON.stringify(got)}`);
    assert.deepEqual(clustersOut, tc(c.want).sort((a, b) => (a.name < b.name ? -1 : 1)));
  });
}

test('divide: static weights are monotonic as replicas grow (no cluster loses replicas)', () => {
  const weights = weightsToStaticList({ southcentralus: 170, westus: 110, eastus2: 60 });
  const names = ['southcentralus', 'westus', 'eastus2'];
  let before = new Map<string, number>();
  for (let replicas = 1; replicas <= 30; replicas++) {
    const now = new Map(divideByStaticWeight(clusters(...names), weights, replicas, DESCENDING).map((c) => [c.name, c.replicas]));
    for (const name of names) assert.ok((now.get(name) ?? 0) >= (before.get(name) ?? 0), `${name} lost replicas at ${replicas}`);
    assert.equal([...now.values()].reduce((a, b) => a + b, 0), replicas);
    before = now;
  }
});

test('static weights: a cluster weighs the largest weight among the entries that match it, whether they name it or select it', () => {
  const fleet = [cluster('a', { tier: 'gold' }), cluster('b', { tier: 'silver' }), cluster('c', { tier: 'gold' }), cluster('d')];
  const weights: StaticClusterWeight[] = [
    { targetCluster: { clusterNames: ['a', 'b'] }, weight: 2 },
    { targetCluster: { clusterNames: ['b'] }, weight: 5 },
    { targetCluster: { labelSelector: { matchLabels: { tier: 'gold' } } }, weight: 3 },
    { targetCluster: { clusterNames: ['c'], exclude: ['c'] }, weight: 9 },
    { targetCluster: { clusterNames: ['c', 'd'], labelSelector: { matchLabels: { tier: 'gold' } } }, weight: 4 },
    { targetCluster: { labelSelector: { matchExpressions: [{ key: 'tier', operator: 'Sideways' }] } }, weight: 8 },
  ];
  const weightOf = staticWeigher(weights);
  assert.deepEqual(Object.fromEntries(fleet.map((c) => [c.name, weightOf(c)])), { a: 3, b: 5, c: 4, d: 0 });
  // Held against matching every entry for every cluster.
  for (const c of fleet) assert.equal(weightOf(c), Math.max(0, ...weights.filter((w) => clusterMatchesAffinity(c, w.targetCluster)).map((w) => w.weight)), c.name);
});
