import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runningPodStatus } from './kubelet.js';
import { reconcileStatefulSet, type StatefulSetReconcile } from './statefulset.js';
import type { ControllerRevision, StatefulSet } from './types-apps.js';
import type { Pod } from './types-core.js';
import { kubeTime, toMillis } from './time.js';

function sts(extra: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'data', uid: 'sts-uid', generation: 1 },
    spec: {
      replicas: 3,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}

/** A tiny API server + kubelet for one StatefulSet. */
class World {
  t = toMillis('2025-03-01T12:00:00Z');
  set: StatefulSet;
  pods = new Map<string, Pod>();
  revisions = new Map<string, ControllerRevision>();
  claims = new Set<string>();
  log: string[] = [];
  constructor(set: StatefulSet) {
    this.set = set;
  }
  get now(): string {
    return kubeTime(this.t);
  }
  sync(): StatefulSetReconcile {
    this.t += 1000;
    const r = reconcileStatefulSet(this.set, [...this.pods.values()], [...this.revisions.values()], this.claims, this.now);
    for (const a of r.revisions) {
      if (a.type === 'delete') this.revisions.delete(a.name);
      else this.revisions.set(a.revision.metadata.name!, { ...a.revision, metadata: { ...a.revision.metadata, creationTimestamp: this.now } });
    }
    for (const c of r.createClaims) this.claims.add(c.metadata.name!);
    for (const p of r.createPods) this.pods.set(p.metadata.name!, { ...p, metadata: { ...p.metadata, uid: `uid-${p.metadata.name}-${this.t}`, creationTimestamp: this.now }, status: { phase: 'Pending' } });
    for (const n of r.deletePods) this.pods.delete(n);
    this.log.push(...r.events.map((e) => e.message));
    if (r.statusChanged) this.set = { ...this.set, status: r.status };
    return r;
  }
  readyAll(): void {
    for (const [n, p] of this.pods) {
      if (p.status?.phase === 'Running') continue;
      this.pods.set(n, { ...p, spec: { ...p.spec, nodeName: 'node-1' }, status: runningPodStatus({ ...p, spec: { ...p.spec, nodeName: 'node-1' } }, 'ready', { podIP: '10.244.0.9', hostIP: '10.0.0.1' }, this.now) });
    }
  }
  update(spec: Partial<StatefulSet['spec']>): void {
    this.set = { ...this.set, metadata: { ...this.set.metadata, generation: (this.set.metadata.generation ?? 1) + 1 }, spec: { ...this.set.spec, ...spec } };
  }
}

test('OrderedReady creates db-0, db-1, db-2 one at a time, each after its predecessor is ready', () => {
  const w = new World(sts());
  const first = w.sync();
  assert.deepEqual(first.createPods.map((p) => p.metadata.name), ['db-0']);
  const p0 = first.createPods[0]!;
  assert.deepEqual(p0.metadata.labels, {
    app: 'db',
    'statefulset.kubernetes.io/pod-name': 'db-0',
    'apps.kubernetes.io/pod-index': '0',
    'controller-revision-hash': first.status.updateRevision,
  });
  assert.equal(p0.metadata.generateName, 'db-');
  assert.deepEqual([p0.spec.hostname, p0.spec.subdomain], ['db-0', 'db']);
  assert.deepEqual(p0.spec.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }]);
  assert.deepEqual(first.createClaims.map((c) => [c.metadata.name, c.metadata.labels]), [['data-db-0', { app: 'db' }]]);
  assert.match(first.status.updateRevision ?? '', /^db-[bcdfghjklmnpqrstvwxz2456789]+$/);
  assert.deepEqual(w.log, ['create Claim data-db-0 Pod db-0 in StatefulSet db success', 'create Pod db-0 in StatefulSet db successful']);
  assert.equal(w.sync().createPods.length, 0, 'waits while db-0 is not Running and Ready');
  w.readyAll();
  assert.deepEqual(w.sync().createPods.map((p) => p.metadata.name), ['db-1']);
  w.readyAll();
  assert.deepEqual(w.sync().createPods.map((p) => p.metadata.name), ['db-2']);
  w.readyAll();
  const done = w.sync();
  assert.deepEqual(done.status, {
    replicas: 3,
    availableReplicas: 3,
    observedGeneration: 1,
    readyReplicas: 3,
    currentReplicas: 3,
    updatedReplicas: 3,
    currentRevision: done.status.updateRevision,
    updateRevision: done.status.updateRevision,
    collisionCount: 0,
  });
  assert.equal(w.revisions.size, 1);
  const [rev] = [...w.revisions.values()];
  assert.equal(rev!.revision, 1);
  assert.deepEqual((rev!.data as { spec: { template: Record<string, unknown> } }).spec.template.$patch, 'replace');
  assert.equal(rev!.metadata.labels?.['controller.kubernetes.io/hash'], rev!.metadata.name!.slice(3));
});

test('Parallel creates every pod at once', () => {
  const w = new World(sts({ podManagementPolicy: 'Parallel' }));
  assert.deepEqual(w.sync().createPods.map((p) => p.metadata.name), ['db-0', 'db-1', 'db-2']);
});

test('rolling update replaces pods from the highest ordinal down, then moves currentRevision', () => {
  const w = new World(sts());
  for (let i = 0; i < 8; i++) {
    w.sync();
    w.readyAll();
  }
  const oldRev = w.set.status?.currentRevision;
  w.log.length = 0;
  w.update({ template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:17' }] } } });
  const steps: string[] = [];
  for (let i = 0; i < 12; i++) {
    const r = w.sync();
    steps.push(...r.deletePods.map((n) => `-${n}`), ...r.createPods.map((p) => `+${p.metadata.name}`));
    w.readyAll();
  }
  assert.deepEqual(steps, ['-db-2', '+db-2', '-db-1', '+db-1', '-db-0', '+db-0']);
  const s = w.set.status!;
  assert.notEqual(s.updateRevision, oldRev);
  assert.equal(s.currentRevision, s.updateRevision);
  assert.deepEqual([s.currentReplicas, s.updatedReplicas, s.readyReplicas], [3, 3, 3]);
  assert.equal([...w.pods.values()].every((p) => p.spec.containers[0]!.image === 'postgres:17'), true);
  assert.equal(w.revisions.size, 2);
});

test('partition keeps lower ordinals on the current revision', () => {
  const w = new World(sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
  for (let i = 0; i < 8; i++) {
    w.sync();
    w.readyAll();
  }
  w.update({ template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:17' }] } } });
  for (let i = 0; i < 8; i++) {
    w.sync();
    w.readyAll();
  }
  assert.deepEqual([...w.pods.values()].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!)).map((p) => p.spec.containers[0]!.image), ['postgres:16', 'postgres:16', 'postgres:17']);
  assert.equal(w.set.status?.updatedReplicas, 1);
  assert.notEqual(w.set.status?.currentRevision, w.set.status?.updateRevision);
});

test('scale down removes the highest ordinal first, one at a time', () => {
  const w = new World(sts());
  for (let i = 0; i < 8; i++) {
    w.sync();
    w.readyAll();
  }
  w.update({ replicas: 1 });
  assert.deepEqual(w.sync().deletePods, ['db-2']);
  assert.deepEqual(w.sync().deletePods, ['db-1']);
  assert.deepEqual(w.sync().deletePods, []);
  assert.deepEqual(w.log.slice(-2), ['delete Pod db-2 in StatefulSet db successful', 'delete Pod db-1 in StatefulSet db successful']);
  assert.equal(w.claims.has('data-db-2'), true, 'claims are retained');
});

test('a failed pod is deleted and recreated', () => {
  const w = new World(sts({ replicas: 1 }));
  w.sync();
  w.readyAll();
  w.sync();
  const p = w.pods.get('db-0')!;
  w.pods.set('db-0', { ...p, status: { ...p.status, phase: 'Failed' } });
  assert.deepEqual(w.sync().deletePods, ['db-0']);
  assert.deepEqual(w.sync().createPods.map((x) => x.metadata.name), ['db-0']);
});
