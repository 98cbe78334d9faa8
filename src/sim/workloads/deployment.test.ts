import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeCluster, rolloutStatus } from './testing/harness.js';
import type { Deployment, ReplicaSet } from './types-apps.js';
import type { Pod } from './types-core.js';

function webDeployment(extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
      },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...extra,
    },
  };
}

/** One round of the wiring: deployment sync, ReplicaSet syncs, kubelet, ReplicaSet status. */
function round(c: FakeCluster, name = 'web'): void {
  c.tick();
  c.syncDeployment(name);
  c.syncReplicaSets();
  c.runKubelet();
  c.syncReplicaSets();
}

function settle(c: FakeCluster, name = 'web', max = 20): void {
  for (let i = 0; i < max; i++) {
    const before = JSON.stringify([...c.objects.values()]);
    round(c, name);
    if (JSON.stringify([...c.objects.values()]) === before) return;
  }
  throw new Error('did not settle');
}

function setImage(c: FakeCluster, image: string): void {
  const d = c.get<Deployment>('Deployment', 'web');
  const next = structuredClone(d);
  next.spec.template.spec.containers[0]!.image = image;
  c.update(next);
}

function replicaSetsByRevision(c: FakeCluster): ReplicaSet[] {
  return c
    .list<ReplicaSet>('ReplicaSet')
    .sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']));
}

test('initial rollout creates <name>-<pod-template-hash> and reports success the way kubectl reads it', () => {
  const c = new FakeCluster();
  c.create(webDeployment());
  round(c);
  const [rs] = c.list<ReplicaSet>('ReplicaSet');
  assert.ok(rs);
  const hash = rs.metadata.labels?.['pod-template-hash'];
  assert.match(hash ?? '', /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.spec.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
  assert.equal(rs.spec.template.metadata?.labels?.['pod-template-hash'], hash);
  assert.deepEqual(rs.metadata.annotations, {
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
    'deployment.kubernetes.io/revision': '1',
  });
  assert.deepEqual(rs.metadata.ownerReferences, [
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: c.get<Deployment>('Deployment', 'web').metadata.uid, controller: true, blockOwnerDeletion: true },
  ]);
  assert.deepEqual(c.eventMessages('ScalingReplicaSet'), [`Scaled up replica set web-${hash} from 0 to 3`]);
  const first = c.get<Deployment>('Deployment', 'web');
  assert.equal(first.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual(
    first.status?.conditions?.map((x) => [x.type, x.status, x.reason, x.message]),
    [
      ['Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "web-${hash}"`],
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    ],
  );
  assert.match(rolloutStatus(first), /0 out of 3 new replicas have been updated/);

  settle(c);
  const d = c.get<Deployment>('Deployment', 'web');
  assert.deepEqual(
    { ...d.status, conditions: d.status?.conditions?.map((x) => [x.type, x.status, x.reason, x.message]) },
    {
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
        ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`],
      ],
    },
  );
  assert.equal(rolloutStatus(d), 'deployment "web" successfully rolled out');
  assert.equal(c.list<Pod>('Pod').length, 3);
});

test('rolling update with maxSurge 1 / maxUnavailable 0 moves one pod at a time', () => {
  const c = new FakeCluster();
  c.create(webDeployment());
  settle(c);
  const oldName = c.list<ReplicaSet>('ReplicaSet')[0]!.metadata.name!;
  c.events.length = 0;

  setImage(c, 'nginx:1.26');
  const seen: string[] = [];
  for (let i = 0; i < 8; i++) {
    round(c);
    seen.push(rolloutStatus(c.get<Deployment>('Deployment', 'web')));
    // Never more than maxSurge extra pods, never fewer than the desired number available.
    assert.ok(c.list<Pod>('Pod').length <= 4);
  }
  const newName = c.list<ReplicaSet>('ReplicaSet').find((r) => r.metadata.name !== oldName)!.metadata.name!;
  assert.notEqual(newName, oldName);
  assert.deepEqual(c.eventMessages('ScalingReplicaSet'), [
    `Scaled up replica set ${newName} from 0 to 1`,
    `Scaled down replica set ${oldName} from 3 to 2`,
    `Scaled up replica set ${newName} from 1 to 2`,
    `Scaled down replica set ${oldName} from 2 to 1`,
    `Scaled up replica set ${newName} from 2 to 3`,
    `Scaled down replica set ${oldName} from 1 to 0`,
  ]);
  assert.equal(seen[0], 'Waiting for deployment "web" rollout to finish: 0 out of 3 new replicas have been updated...');
  assert.equal(seen.at(-1), 'deployment "web" successfully rolled out');
  const d = c.get<Deployment>('Deployment', 'web');
  assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  assert.equal(d.status?.observedGeneration, 2);
  const progressing = d.status?.conditions?.find((x) => x.type === 'Progressing');
  assert.equal(progressing?.message, `ReplicaSet "${newName}" has successfully progressed.`);
  assert.deepEqual(
    replicaSetsByRevision(c).map((r) => [r.metadata.name, r.spec.replicas, r.metadata.annotations?.['deployment.kubernetes.io/revision']]),
    [
      [oldName, 0, '1'],
      [newName, 3, '2'],
    ],
  );
  for (const p of c.list<Pod>('Pod')) assert.equal(p.spec.containers[0]!.image, 'nginx:1.26');
});

test('rollback (kubectl rollout undo) reuses the old ReplicaSet and moves its revision to the top', () => {
  const c = new FakeCluster();
  c.create(webDeployment());
  settle(c);
  const rev1 = c.list<ReplicaSet>('ReplicaSet')[0]!.metadata.name!;
  setImage(c, 'nginx:1.26');
  settle(c);
  const rev2 = c.list<ReplicaSet>('ReplicaSet').find((r) => r.metadata.name !== rev1)!.metadata.name!;
  c.events.length = 0;

  // rollout undo: PATCH the template back to revision 1's (without its pod-template-hash).
  setImage(c, 'nginx:1.25');
  settle(c);
  assert.equal(c.list<ReplicaSet>('ReplicaSet').length, 2, 'no third ReplicaSet: revision 1 is reused');
  const old = c.get<ReplicaSet>('ReplicaSet', rev1);
  assert.equal(old.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  assert.equal(old.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(old.spec.replicas, 3);
  assert.equal(c.get<ReplicaSet>('ReplicaSet', rev2).spec.replicas, 0);
  assert.deepEqual(c.eventMessages('ScalingReplicaSet'), [
    `Scaled up replica set ${rev1} from 0 to 1`,
    `Scaled down replica set ${rev2} from 3 to 2`,
    `Scaled up replica set ${rev1} from 1 to 2`,
    `Scaled down replica set ${rev2} from 2 to 1`,
    `Scaled up replica set ${rev1} from 2 to 3`,
    `Scaled down replica set ${rev2} from 1 to 0`,
  ]);
  const d = c.get<Deployment>('Deployment', 'web');
  assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  assert.equal(rolloutStatus(d), 'deployment "web" successfully rolled out');
  for (const p of c.list<Pod>('Pod')) assert.equal(p.spec.containers[0]!.image, 'nginx:1.25');
});

test('Recreate scales the old ReplicaSet to zero and waits for its pods before creating the new one', () => {
  const c = new FakeCluster();
  c.create(webDeployment({ strategy: { type: 'Recreate' } }));
  settle(c);
  const oldName = c.list<ReplicaSet>('ReplicaSet')[0]!.metadata.name!;
  c.events.length = 0;
  setImage(c, 'nginx:1.26');
  c.tick();
  c.syncDeployment('web');
  assert.equal(c.get<ReplicaSet>('ReplicaSet', oldName).spec.replicas, 0);
  assert.equal(c.list<ReplicaSet>('ReplicaSet').length, 1, 'no new ReplicaSet while old pods run');
  c.syncDeployment('web');
  assert.equal(c.list<ReplicaSet>('ReplicaSet').length, 1, 'old ReplicaSet still reports replicas');
  c.syncReplicaSets();
  settle(c);
  const newName = c.list<ReplicaSet>('ReplicaSet').find((r) => r.metadata.name !== oldName)!.metadata.name!;
  assert.deepEqual(c.eventMessages('ScalingReplicaSet'), [`Scaled down replica set ${oldName} from 3 to 0`, `Scaled up replica set ${newName} from 0 to 3`]);
  assert.equal(rolloutStatus(c.get<Deployment>('Deployment', 'web')), 'deployment "web" successfully rolled out');
});

test('scaling a deployment mid-rollout scales ReplicaSets proportionally', () => {
  const c = new FakeCluster();
  c.create(webDeployment({ replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
  settle(c);
  const oldName = c.list<ReplicaSet>('ReplicaSet')[0]!.metadata.name!;
  setImage(c, 'nginx:1.26');
  c.tick();
  // One sync creates the new ReplicaSet at maxSurge (3) and, since 10 are available and 8 suffice,
  // also scales the old one down by maxUnavailable (2), as upstream does.
  c.syncDeployment('web');
  const newName = c.list<ReplicaSet>('ReplicaSet').find((r) => r.metadata.name !== oldName)!.metadata.name!;
  const before = [c.get<ReplicaSet>('ReplicaSet', oldName).spec.replicas, c.get<ReplicaSet>('ReplicaSet', newName).spec.replicas];
  assert.deepEqual(before, [8, 3]);
  c.events.length = 0;
  const d = structuredClone(c.get<Deployment>('Deployment', 'web'));
  d.spec.replicas = 20;
  c.update(d);
  c.syncDeployment('web');
  // Allowed 20 + 3 = 23, so 12 more: old gets round(8×23/13)−8 = 6, new round(3×23/13)−3 = 2, and the
  // leftover 4 goes to the largest (old).
  const after = [c.get<ReplicaSet>('ReplicaSet', oldName).spec.replicas, c.get<ReplicaSet>('ReplicaSet', newName).spec.replicas];
  assert.deepEqual(after, [18, 5]);
  assert.deepEqual(c.eventMessages('ScalingReplicaSet'), [`Scaled up replica set ${oldName} from 8 to 18`, `Scaled up replica set ${newName} from 3 to 5`]);
  assert.equal(c.get<ReplicaSet>('ReplicaSet', oldName).metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '20');
  assert.equal(c.get<ReplicaSet>('ReplicaSet', newName).metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '23');
});

test('paused deployments do not roll out but report DeploymentPaused, and resume afterwards', () => {
  const c = new FakeCluster();
  c.create(webDeployment());
  settle(c);
  const d = structuredClone(c.get<Deployment>('Deployment', 'web'));
  d.spec.paused = true;
  d.spec.template.spec.containers[0]!.image = 'nginx:1.26';
  c.update(d);
  settle(c);
  assert.equal(c.list<ReplicaSet>('ReplicaSet').length, 1);
  const paused = c.get<Deployment>('Deployment', 'web').status?.conditions?.find((x) => x.type === 'Progressing');
  assert.deepEqual([paused?.status, paused?.reason, paused?.message], ['Unknown', 'DeploymentPaused', 'Deployment is paused']);
  const r = structuredClone(c.get<Deployment>('Deployment', 'web'));
  r.spec.paused = false;
  c.update(r);
  c.tick();
  c.syncDeployment('web');
  const resumed = c.get<Deployment>('Deployment', 'web').status?.conditions?.find((x) => x.type === 'Progressing');
  assert.equal(resumed?.reason, 'NewReplicaSetCreated');
  settle(c);
  assert.equal(rolloutStatus(c.get<Deployment>('Deployment', 'web')), 'deployment "web" successfully rolled out');
});

test('revisionHistoryLimit deletes the oldest scaled-down ReplicaSets', () => {
  const c = new FakeCluster();
  c.create(webDeployment({ revisionHistoryLimit: 1 }));
  settle(c);
  for (const image of ['nginx:1.26', 'nginx:1.27', 'nginx:1.28']) {
    setImage(c, image);
    settle(c);
  }
  const revisions = replicaSetsByRevision(c).map((r) => [r.metadata.annotations?.['deployment.kubernetes.io/revision'], r.spec.replicas]);
  assert.deepEqual(revisions, [
    ['3', 0],
    ['4', 3],
  ]);
});

test('a stuck rollout times out with ProgressDeadlineExceeded', () => {
  const c = new FakeCluster();
  c.create(webDeployment({ progressDeadlineSeconds: 30 }));
  c.tick();
  const r = c.syncDeployment('web');
  assert.equal(r.requeueAfterSeconds, undefined);
  c.syncReplicaSets(); // pods created but never become ready
  c.tick(10);
  const again = c.syncDeployment('web');
  // Progressing was last updated at t+1 with a 30s deadline; now is t+11: check again in 20s + 1s.
  assert.equal(again.requeueAfterSeconds, 21);
  c.tick(25);
  c.syncDeployment('web');
  const d = c.get<Deployment>('Deployment', 'web');
  const progressing = d.status?.conditions?.find((x) => x.type === 'Progressing');
  const rs = c.list<ReplicaSet>('ReplicaSet')[0]!;
  assert.deepEqual([progressing?.status, progressing?.reason, progressing?.message], ['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rs.metadata.name}" has timed out progressing.`]);
  assert.equal(rolloutStatus(d), 'error: deployment "web" exceeded its progress deadline');
});
