import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileReplicaSet } from './replicaset.js';
import type { ReplicaSet } from './types-apps.js';
import type { Pod } from './types-core.js';

const NOW = '2025-03-01T12:00:00Z';

function rs(replicas: number, extra: Partial<ReplicaSet['spec']> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-5d4c8b7f9', namespace: 'prod', uid: 'rs-uid', generation: 4 },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d4c8b7f9' } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': '5d4c8b7f9', tier: 'front' }, annotations: { 'sim.kurator.dev/latency': '20ms' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
      },
      ...extra,
    },
  };
}

interface PodShape {
  name: string;
  node?: string;
  phase?: string;
  ready?: string | false;
  created?: string;
  restarts?: number;
  cost?: number;
  deleting?: boolean;
  labels?: Record<string, string>;
}

function pod(s: PodShape): Pod {
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: s.name,
      namespace: 'prod',
      uid: `uid-${s.name}`,
      creationTimestamp: s.created ?? '2025-03-01T10:00:00Z',
      labels: s.labels ?? { app: 'web', 'pod-template-hash': '5d4c8b7f9', tier: 'front' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4c8b7f9', uid: 'rs-uid', controller: true }],
    },
    spec: { containers: [{ name: 'web' }], nodeName: s.node },
    status: {
      phase: s.phase ?? 'Running',
      conditions: s.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: s.ready }] : [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ name: 'web', ready: !!s.ready, restartCount: s.restarts ?? 0, image: 'nginx', imageID: '', state: {}, lastState: {} }],
    },
  };
  if (s.cost !== undefined) p.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': String(s.cost) };
  if (s.deleting) p.metadata.deletionTimestamp = NOW;
  return p;
}

test('scale up creates pods from the template with generateName and the controller reference', () => {
  const r = reconcileReplicaSet(rs(3), [pod({ name: 'a', node: 'n1', ready: '2025-03-01T11:00:00Z' })], NOW);
  assert.equal(r.create.length, 2);
  assert.deepEqual(r.create[0], {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'web-5d4c8b7f9-',
      namespace: 'prod',
      labels: { app: 'web', 'pod-template-hash': '5d4c8b7f9', tier: 'front' },
      annotations: { 'sim.kurator.dev/latency': '20ms' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4c8b7f9', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
  });
  assert.deepEqual(r.delete, []);
});

const deletionCases: { name: string; pods: PodShape[]; want: string }[] = [
  { name: 'unassigned before assigned', pods: [{ name: 'bound', node: 'n1', ready: '2025-03-01T11:00:00Z' }, { name: 'unbound', phase: 'Pending' }], want: 'unbound' },
  { name: 'Pending before Running', pods: [{ name: 'run', node: 'n1' }, { name: 'pend', node: 'n1', phase: 'Pending' }], want: 'pend' },
  { name: 'not ready before ready', pods: [{ name: 'ok', node: 'n1', ready: '2025-03-01T11:00:00Z' }, { name: 'bad', node: 'n1' }], want: 'bad' },
  { name: 'lower deletion cost first', pods: [{ name: 'keep', node: 'n1', ready: '2025-03-01T11:00:00Z', cost: 100 }, { name: 'cheap', node: 'n2', ready: '2025-03-01T11:00:00Z', cost: -5 }], want: 'cheap' },
  {
    name: 'doubled-up node first',
    pods: [
      { name: 'alone', node: 'n1', ready: '2025-03-01T11:00:00Z' },
      { name: 'pair-a', node: 'n2', ready: '2025-03-01T11:00:00Z' },
      { name: 'pair-b', node: 'n2', ready: '2025-03-01T11:00:00Z', created: '2025-03-01T09:00:00Z' },
    ],
    want: 'pair-a',
  },
  { name: 'ready more recently first', pods: [{ name: 'old', node: 'n1', ready: '2025-02-01T00:00:00Z' }, { name: 'new', node: 'n2', ready: '2025-03-01T11:59:50Z' }], want: 'new' },
  { name: 'more restarts first', pods: [{ name: 'calm', node: 'n1', ready: '2025-03-01T11:00:00Z', restarts: 0 }, { name: 'flappy', node: 'n2', ready: '2025-03-01T11:00:00Z', restarts: 7 }], want: 'flappy' },
  { name: 'newer first', pods: [{ name: 'elder', node: 'n1', ready: '2025-03-01T11:00:00Z', created: '2025-01-01T00:00:00Z' }, { name: 'young', node: 'n2', ready: '2025-03-01T11:00:00Z', created: '2025-03-01T11:00:00Z' }], want: 'young' },
];

for (const c of deletionCases) {
  test(`scale down deletes first: ${c.name}`, () => {
    const r = reconcileReplicaSet(rs(c.pods.length - 1), c.pods.map(pod), NOW);
    assert.deepEqual(r.delete, [c.want]);
    assert.deepEqual(r.events, [{ type: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${c.want}` }]);
  });
}

test('status counts replicas, fully labeled, ready and available (minReadySeconds) over active pods', () => {
  const pods = [
    pod({ name: 'a', node: 'n1', ready: '2025-03-01T11:00:00Z' }),
    pod({ name: 'b', node: 'n1', ready: '2025-03-01T11:59:55Z' }),
    pod({ name: 'c', node: 'n1', labels: { app: 'web', 'pod-template-hash': '5d4c8b7f9' } }),
    pod({ name: 'gone', node: 'n1', ready: '2025-03-01T11:00:00Z', deleting: true }),
    { ...pod({ name: 'done', node: 'n1' }), status: { phase: 'Succeeded' } },
  ];
  const r = reconcileReplicaSet(rs(3, { minReadySeconds: 30 }), pods, NOW);
  assert.deepEqual(r.status, { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 4 });
  assert.deepEqual([r.create.length, r.delete.length], [0, 0]);
  assert.equal(r.statusChanged, true);
  const again = reconcileReplicaSet({ ...rs(3, { minReadySeconds: 30 }), status: r.status }, pods, NOW);
  assert.equal(again.statusChanged, false);
});

test('requeues for minReadySeconds when every pod is ready but not yet available', () => {
  const pods = [pod({ name: 'a', node: 'n1', ready: '2025-03-01T11:59:50Z' })];
  const r = reconcileReplicaSet(rs(1, { minReadySeconds: 30 }), pods, NOW);
  assert.equal(r.requeueAfterSeconds, 20);
});
