import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileDaemonSet, type DaemonSetReconcile } from './daemonset.js';
import { nodeShouldRunDaemonPod } from './daemonset-pod.js';
import { runningPodStatus } from './kubelet.js';
import { buildNode, markNodeUnreachable } from './nodes.js';
import { schedulePod } from './scheduler.js';
import type { ControllerRevision, DaemonSet } from './types-apps.js';
import type { Node, Pod } from './types-core.js';
import { kubeTime, toMillis } from './time.js';

const T0 = '2025-03-01T12:00:00Z';

function node(name: string, extra: Parameters<typeof buildNode>[0] extends infer S ? Partial<S> : never = {}): Node {
  return buildNode({ name, internalIP: '10.0.0.1', capacity: { cpu: '4', memory: '8Gi', pods: '110' }, ...extra }, T0);
}

function ds(extra: Partial<DaemonSet['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', uid: 'ds-uid', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.1' }] } },
      ...extra,
    },
  };
}

class World {
  t = toMillis(T0);
  pods = new Map<string, Pod>();
  revisions = new Map<string, ControllerRevision>();
  seq = 0;
  constructor(
    public set: DaemonSet,
    public nodes: Node[],
  ) {}
  get now(): string {
    return kubeTime(this.t);
  }
  sync(): DaemonSetReconcile {
    this.t += 1000;
    const r = reconcileDaemonSet(this.set, [...this.pods.values()], this.nodes, [...this.revisions.values()], this.now);
    for (const a of r.revisions) {
      if (a.type === 'delete') this.revisions.delete(a.name);
      else this.revisions.set(a.revision.metadata.name!, a.revision);
    }
    for (const p of r.createPods) {
      const name = `${p.metadata.generateName}${++this.seq}`;
      this.pods.set(name, { ...p, metadata: { ...p.metadata, name, uid: `uid-${name}`, creationTimestamp: this.now }, status: { phase: 'Pending' } });
    }
    for (const n of r.deletePods) this.pods.delete(n);
    if (r.statusChanged) this.set = { ...this.set, status: r.status };
    return r;
  }
  /** The scheduler binds, the kubelet makes the pod ready. */
  runNodes(): void {
    for (const [name, p] of this.pods) {
      if (p.status?.phase === 'Running') continue;
      const placed = schedulePod(p, this.nodes, {});
      if (!('nodeName' in placed)) continue;
      const bound = { ...p, spec: { ...p.spec, nodeName: placed.nodeName } };
      this.pods.set(name, { ...bound, status: runningPodStatus(bound, 'ready', { podIP: '10.244.0.2', hostIP: '10.0.0.1' }, this.now) });
    }
  }
}

test('one pod per eligible node, pinned by node affinity, with the default DaemonSet tolerations', () => {
  const nodes = [node('a'), node('b', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }), { ...node('c'), spec: { unschedulable: true } }];
  const w = new World(ds(), nodes);
  const r = w.sync();
  assert.equal(r.createPods.length, 2, 'node b has an untolerated taint; the cordoned node c is tolerated');
  const pod = r.createPods[0]!;
  assert.equal(pod.metadata.generateName, 'agent-');
  assert.deepEqual(pod.spec.affinity, { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }] } } });
  assert.deepEqual(pod.spec.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ]);
  const hash = [...w.revisions.values()][0]!.metadata.labels?.['controller-revision-hash'];
  assert.deepEqual(pod.metadata.labels, { app: 'agent', 'pod-template-generation': '1', 'controller-revision-hash': hash });
  assert.deepEqual(r.status, { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 0, observedGeneration: 1, numberUnavailable: 2 });

  w.runNodes();
  const s = w.sync();
  assert.deepEqual(s.status, { currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2, numberAvailable: 2 });
  assert.deepEqual([...w.pods.values()].map((p) => p.spec.nodeName).sort(), ['a', 'c']);
});

const shouldRunCases: { name: string; node: Node; spec?: Partial<DaemonSet['spec']>; want: [boolean, boolean] }[] = [
  { name: 'plain node', node: node('n'), want: [true, true] },
  { name: 'NoSchedule taint: not started, existing keeps running', node: node('n', { taints: [{ key: 'x', effect: 'NoSchedule' }] }), want: [false, true] },
  { name: 'NoExecute taint: evicted', node: node('n', { taints: [{ key: 'x', effect: 'NoExecute' }] }), want: [false, false] },
  { name: 'unreachable node: no new pod (NoSchedule), the running one stays (NoExecute tolerated)', node: markNodeUnreachable(node('n'), T0), want: [false, true] },
  {
    name: 'nodeSelector mismatch',
    node: node('n', { labels: { role: 'worker' } }),
    spec: { template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { role: 'edge' }, containers: [{ name: 'a' }] } } },
    want: [false, false],
  },
];
for (const c of shouldRunCases) {
  test(`nodeShouldRunDaemonPod: ${c.name}`, () => {
    const r = nodeShouldRunDaemonPod(c.node, ds(c.spec));
    assert.deepEqual([r.shouldRun, r.shouldContinueRunning], c.want);
  });
}

test('rolling update replaces at most maxUnavailable (default 1) old pods at a time', () => {
  const w = new World(ds(), [node('a'), node('b'), node('c')]);
  w.sync();
  w.runNodes();
  w.sync();
  w.set = { ...w.set, metadata: { ...w.set.metadata, generation: 2 }, spec: { ...w.set.spec, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'fluent/fluent-bit:3.2' }] } } } };
  const rounds: number[] = [];
  for (let i = 0; i < 12; i++) {
    const r = w.sync();
    rounds.push(r.deletePods.length);
    w.runNodes();
  }
  assert.deepEqual(rounds.filter((n) => n > 0), [1, 1, 1]);
  assert.equal([...w.pods.values()].every((p) => p.spec.containers[0]!.image === 'fluent/fluent-bit:3.2'), true);
  assert.equal(w.set.status?.updatedNumberScheduled, 3);
  assert.equal(w.revisions.size, 2);
});

test('a pod on a node that no longer qualifies is deleted; failed pods are replaced', () => {
  const w = new World(ds(), [node('a')]);
  w.sync();
  w.runNodes();
  w.sync();
  const [name, pod] = [...w.pods.entries()][0]!;
  w.pods.set(name, { ...pod, status: { ...pod.status, phase: 'Failed' } });
  const r = w.sync();
  assert.deepEqual(r.deletePods, [name]);
  assert.equal(r.events[0]?.reason, 'FailedDaemonPod');
  assert.equal(w.sync().createPods.length, 1);
  w.runNodes();
  w.nodes = [node('a', { taints: [{ key: 'drain', effect: 'NoExecute' }] })];
  const evict = w.sync();
  assert.equal(evict.deletePods.length, 1);
  assert.deepEqual(evict.status.desiredNumberScheduled, 0);
});
