import { test } from 'node:test';
import assert from 'node:assert/strict';
import { divisionStrategy, type DivisionStrategy } from './strategy.js';
import type { ReplicaSchedulingStrategy } from './types.js';

const list = [{ targetCluster: { clusterNames: ['member1'] }, weight: 2 }];

const cases: { name: string; rs: ReplicaSchedulingStrategy | undefined; want: DivisionStrategy }[] = [
  { name: 'no replicaScheduling is Duplicated', rs: undefined, want: { type: 'Duplicated' } },
  { name: 'Karmada Duplicated', rs: { replicaSchedulingType: 'Duplicated' }, want: { type: 'Duplicated' } },
  { name: 'Karmada Divided without preference is Weighted with equal weights', rs: { replicaSchedulingType: 'Divided' }, want: { type: 'StaticWeight', weights: undefined } },
  {
    name: 'Karmada Divided Weighted static list',
    rs: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: list } },
    want: { type: 'StaticWeight', weights: list },
  },
  {
    name: 'Karmada dynamicWeight overrides the static list',
    rs: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: list, dynamicWeight: 'AvailableReplicas' } },
    want: { type: 'DynamicWeight' },
  },
  { name: 'Karmada Divided Aggregated', rs: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' }, want: { type: 'Aggregated' } },
  { name: 'empty replicaScheduling is Divided (CRD default)', rs: {}, want: { type: 'StaticWeight', weights: undefined } },
  { name: 'seed Duplicated', rs: { type: 'Duplicated' }, want: { type: 'Duplicated' } },
  { name: 'seed Aggregated', rs: { type: 'Aggregated' }, want: { type: 'Aggregated' } },
  {
    name: 'seed Weighted with weights',
    rs: { type: 'Weighted', weights: { a: 1, b: 3 } },
    want: {
      type: 'StaticWeight',
      weights: [
        { targetCluster: { clusterNames: ['a'] }, weight: 1 },
        { targetCluster: { clusterNames: ['b'] }, weight: 3 },
      ],
    },
  },
  { name: 'seed Weighted without weights is equal weights', rs: { type: 'Weighted' }, want: { type: 'StaticWeight', weights: undefined } },
  { name: 'seed Divided is equal weights', rs: { type: 'Divided' }, want: { type: 'StaticWeight', weights: undefined } },
  { name: 'Karmada fields win over the seed type', rs: { replicaSchedulingType: 'Duplicated', type: 'Weighted', weights: { a: 1 } }, want: { type: 'Duplicated' } },
];

for (const c of cases) {
  test(`divisionStrategy: ${c.name}`, () => {
    assert.deepEqual(divisionStrategy(c.rs), c.want);
  });
}
