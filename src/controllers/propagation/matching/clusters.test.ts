import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterMatches } from './clusters.js';
import type { ClusterAffinity, ClusterFacts } from './types.js';

const member1: ClusterFacts = { name: 'member1', labels: { env: 'prod', tier: 'gold' }, provider: 'aws', region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] };
const edge: ClusterFacts = { name: 'edge-7', labels: { env: 'edge' }, region: 'eu-west', zone: 'eu-west-2' };
const bare: ClusterFacts = { name: 'bare', labels: {} };

const cases: { name: string; cluster: ClusterFacts; affinity: ClusterAffinity; want: boolean }[] = [
  { name: 'empty affinity matches every cluster', cluster: bare, affinity: {}, want: true },
  { name: 'listed name', cluster: member1, affinity: { clusterNames: ['member1', 'member2'] }, want: true },
  { name: 'unlisted name', cluster: member1, affinity: { clusterNames: ['member2'] }, want: false },
  { name: 'exclude wins over clusterNames', cluster: member1, affinity: { clusterNames: ['member1'], exclude: ['member1'] }, want: false },
  { name: 'exclude alone lets the others through', cluster: edge, affinity: { exclude: ['member1'] }, want: true },
  { name: 'labelSelector matches', cluster: member1, affinity: { labelSelector: { matchLabels: { env: 'prod' } } }, want: true },
  { name: 'labelSelector does not match', cluster: edge, affinity: { labelSelector: { matchLabels: { env: 'prod' } } }, want: false },
  { name: 'labels AND names: both must hold', cluster: member1, affinity: { labelSelector: { matchLabels: { env: 'prod' } }, clusterNames: ['member2'] }, want: false },
  { name: 'invalid labelSelector matches nothing', cluster: member1, affinity: { labelSelector: { matchExpressions: [{ key: 'env', operator: 'Nope' }] } }, want: false },
  { name: 'region In', cluster: member1, affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['us-east-1'] }] } }, want: true },
  { name: 'region NotIn', cluster: member1, affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['us-east-1'] }] } }, want: false },
  { name: 'provider NotIn on a cluster without provider', cluster: edge, affinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'NotIn', values: ['aws'] }] } }, want: true },
  { name: 'provider Exists', cluster: edge, affinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'Exists' }] } }, want: false },
  { name: 'In with no values is invalid', cluster: member1, affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: [] }] } }, want: false },
  { name: 'Gt on a non-integer field never matches', cluster: member1, affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'Gt', values: ['1'] }] } }, want: false },
  { name: 'zone In: every zone of the cluster listed', cluster: member1, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }] } }, want: true },
  { name: 'zone In: one zone missing', cluster: member1, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['us-east-1a'] }] } }, want: false },
  { name: 'zone In: cluster without zones', cluster: bare, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }, want: false },
  { name: 'zone NotIn: any listed zone fails', cluster: member1, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['us-east-1b'] }] } }, want: false },
  { name: 'single zone field', cluster: edge, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu-west-2'] }] } }, want: true },
  { name: 'zone DoesNotExist', cluster: bare, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] } }, want: true },
  { name: 'zone with Gt is unsupported', cluster: member1, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['1'] }] } }, want: false },
  { name: 'empty fieldSelector matches', cluster: bare, affinity: { fieldSelector: { matchExpressions: [] } }, want: true },
  {
    name: 'labels, fields and names together',
    cluster: member1,
    affinity: {
      labelSelector: { matchLabels: { tier: 'gold' } },
      fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] },
      clusterNames: ['member1'],
    },
    want: true,
  },
];

for (const c of cases) {
  test(`clusterMatches: ${c.name}`, () => assert.equal(clusterMatches(c.cluster, c.affinity), c.want));
}
