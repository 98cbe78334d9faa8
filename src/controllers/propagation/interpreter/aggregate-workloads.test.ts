import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { aggregateStatus, reflectStatus } from './index.js';

type Item = { clusterName: string; status?: Record<string, unknown> };

const template = (kind: string, generation: number, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'web', namespace: 'default', generation },
  spec: {},
  ...(status ? { status } : {}),
});

/** A member's reflected status as reflectStatus records it. */
const member = (kind: string, generation: number, status: Record<string, unknown>, templateGeneration?: number): Record<string, unknown> => {
  const annotations = templateGeneration === undefined ? undefined : { 'resourcetemplate.karmada.io/generation': String(templateGeneration) };
  return reflectStatus({ apiVersion: 'apps/v1', kind, metadata: { name: 'web', generation, ...(annotations ? { annotations } : {}) }, status })!;
};

const ready = { replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 };

interface Case {
  name: string;
  template: KubeObject;
  items: Item[];
  want: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'Deployment: two members of one replica each, both observed (upstream vector)',
    template: template('Deployment', 1),
    items: [
      { clusterName: 'member1', status: member('Deployment', 1, { ...ready, observedGeneration: 1 }) },
      { clusterName: 'member2', status: member('Deployment', 1, { ...ready, observedGeneration: 1 }) },
    ],
    want: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 1 },
  },
  {
    name: 'Deployment: one member behind its generation keeps the previous observedGeneration',
    template: template('Deployment', 3, { observedGeneration: 2, replicas: 2 }),
    items: [
      { clusterName: 'member1', status: member('Deployment', 5, { ...ready, observedGeneration: 5 }) },
      { clusterName: 'member2', status: member('Deployment', 5, { ...ready, unavailableReplicas: 1, observedGeneration: 4 }) },
    ],
    want: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, unavailableReplicas: 1, observedGeneration: 2 },
  },
  {
    name: 'Deployment: a member without status keeps the previous observedGeneration',
    template: template('Deployment', 3, { observedGeneration: 2 }),
    items: [{ clusterName: 'member1', status: member('Deployment', 1, { ...ready, observedGeneration: 1 }) }, { clusterName: 'member2' }],
    want: { replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 2 },
  },
  {
    name: 'Deployment: a member made from an older template keeps the previous observedGeneration',
    template: template('Deployment', 3, { observedGeneration: 2 }),
    items: [
      { clusterName: 'member1', status: member('Deployment', 7, { ...ready, observedGeneration: 7 }, 3) },
      { clusterName: 'member2', status: member('Deployment', 4, { ...ready, observedGeneration: 4 }, 2) },
    ],
    want: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 2 },
  },
  {
    name: 'Deployment: every member observed a copy of the latest template',
    template: template('Deployment', 3, { observedGeneration: 2 }),
    items: [
      { clusterName: 'member1', status: member('Deployment', 7, { ...ready, observedGeneration: 7 }, 3) },
      { clusterName: 'member2', status: member('Deployment', 4, { ...ready, observedGeneration: 4 }, 3) },
    ],
    want: { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 3 },
  },
  {
    name: 'Deployment: fields aggregation does not own are kept, stale counts dropped when zero',
    template: template('Deployment', 1, { conditions: [{ type: 'Available', status: 'True' }], collisionCount: 2, unavailableReplicas: 4, observedGeneration: 1 }),
    items: [{ clusterName: 'member1', status: member('Deployment', 1, { ...ready, observedGeneration: 1 }) }],
    want: { conditions: [{ type: 'Available', status: 'True' }], collisionCount: 2, replicas: 1, readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 1 },
  },
  {
    name: 'Deployment: no target clusters yet counts as every member observed (upstream)',
    template: template('Deployment', 2),
    items: [],
    want: { observedGeneration: 2 },
  },
  {
    name: 'StatefulSet: counts summed, replicas and availableReplicas written even at zero',
    template: template('StatefulSet', 2, { observedGeneration: 1 }),
    items: [
      { clusterName: 'member1', status: member('StatefulSet', 2, { replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 2 }) },
      { clusterName: 'member2', status: member('StatefulSet', 2, { replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1, availableReplicas: 1, observedGeneration: 2 }) },
    ],
    want: { replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 2 },
  },
  {
    name: 'StatefulSet: nothing reported yet',
    template: template('StatefulSet', 1),
    items: [{ clusterName: 'member1' }],
    want: { replicas: 0, availableReplicas: 0 },
  },
  {
    name: 'DaemonSet: two members (upstream vector)',
    template: template('DaemonSet', 1),
    items: ['member1', 'member2'].map((clusterName) => ({
      clusterName,
      status: member('DaemonSet', 1, { currentNumberScheduled: 1, numberMisscheduled: 0, desiredNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 0, observedGeneration: 1 }),
    })),
    want: { currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2, observedGeneration: 1 },
  },
  {
    name: 'DaemonSet: one member not observed',
    template: template('DaemonSet', 2, { observedGeneration: 1 }),
    items: [
      { clusterName: 'member1', status: member('DaemonSet', 2, { currentNumberScheduled: 3, desiredNumberScheduled: 3, numberReady: 3, observedGeneration: 2 }) },
      { clusterName: 'member2', status: member('DaemonSet', 2, { currentNumberScheduled: 1, desiredNumberScheduled: 2, numberReady: 1, numberUnavailable: 1, observedGeneration: 1 }) },
    ],
    want: { currentNumberScheduled: 4, numberMisscheduled: 0, desiredNumberScheduled: 5, numberReady: 4, numberUnavailable: 1, observedGeneration: 1 },
  },
];

for (const c of cases) {
  test(`aggregateStatus: ${c.name}`, () => {
    assert.deepEqual(aggregateStatus(c.template, c.items), c.want);
  });
}

test('aggregateStatus: aggregating again over its own output changes nothing', () => {
  const items = [{ clusterName: 'member1', status: member('Deployment', 1, { ...ready, observedGeneration: 1 }) }];
  const first = aggregateStatus(template('Deployment', 1), items)!;
  assert.deepEqual(aggregateStatus(template('Deployment', 1, first), items), first);
});

test('aggregateStatus: ReplicaSet is not aggregated', () => {
  assert.equal(aggregateStatus(template('ReplicaSet', 1, { replicas: 1 }), [{ clusterName: 'member1', status: { replicas: 2 } }]), undefined);
});
