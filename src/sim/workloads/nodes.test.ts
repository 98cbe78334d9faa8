import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNode, buildNodeLease, healNode, isNodeReady, markNodeNotReady, markNodeUnreachable, nodeHeartbeat, renewNodeLease } from './nodes.js';

const T0 = '2025-03-01T12:00:00Z';
const T1 = '2025-03-01T12:10:00Z';
const T2 = '2025-03-01T12:20:00Z';

function gpuNode() {
  return buildNode(
    {
      name: 'member1-gpu-0',
      internalIP: '172.18.0.5',
      region: 'us-east-1',
      zone: 'us-east-1a',
      instanceType: 'p4d.24xlarge',
      labels: { 'kurator.dev/pool': 'gpu' },
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
      capacity: { cpu: '96', memory: '1152Gi', pods: '110', 'nvidia.com/gpu': '8' },
      podCIDR: '10.244.3.0/24',
      uid: 'node-uid-1',
    },
    T0,
  );
}

test('a built node carries the kubelet labels, capacity = allocatable, addresses and nodeInfo', () => {
  const n = gpuNode();
  assert.deepEqual(n.metadata.labels, {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': 'member1-gpu-0',
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': 'p4d.24xlarge',
    'topology.kubernetes.io/region': 'us-east-1',
    'topology.kubernetes.io/zone': 'us-east-1a',
    'kurator.dev/pool': 'gpu',
  });
  assert.deepEqual(n.status?.capacity, { cpu: '96', memory: '1152Gi', pods: '110', 'nvidia.com/gpu': '8' });
  assert.deepEqual(n.status?.allocatable, n.status?.capacity);
  assert.deepEqual(n.status?.addresses, [
    { type: 'InternalIP', address: '172.18.0.5' },
    { type: 'Hostname', address: 'member1-gpu-0' },
  ]);
  assert.deepEqual(n.spec, { podCIDR: '10.244.3.0/24', podCIDRs: ['10.244.3.0/24'], taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] });
  assert.equal(n.status?.nodeInfo?.kubeletVersion, 'v1.32.0');
  assert.equal(n.status?.nodeInfo?.operatingSystem, 'linux');
  assert.match(n.status?.nodeInfo?.systemUUID ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.deepEqual(n.status?.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
  assert.deepEqual(
    n.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message, c.lastHeartbeatTime, c.lastTransitionTime]),
    [
      ['NetworkUnavailable', 'False', 'RouteCreated', 'RouteController created a route', T0, T0],
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', T0, T0],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', T0, T0],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', T0, T0],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', T0, T0],
    ],
  );
  assert.ok(isNodeReady(n));
});

test('node lease: kube-node-lease, holder, 40s, micro-time renewTime, owned by the node', () => {
  const lease = buildNodeLease(gpuNode(), '2025-03-01T12:00:00.250Z');
  assert.deepEqual(lease, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'member1-gpu-0', namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'member1-gpu-0', uid: 'node-uid-1' }] },
    spec: { holderIdentity: 'member1-gpu-0', leaseDurationSeconds: 40, renewTime: '2025-03-01T12:00:00.250000Z' },
  });
  assert.equal(renewNodeLease(lease, T1).spec.renewTime, '2025-03-01T12:10:00.000000Z');
});

test('unreachable: kubelet conditions Unknown (heartbeats kept), unreachable taints; heal reverses it', () => {
  const n = markNodeUnreachable(gpuNode(), T1);
  const byType = new Map(n.status?.conditions?.map((c) => [c.type, c]));
  for (const t of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    const c = byType.get(t)!;
    assert.deepEqual([c.status, c.reason, c.message, c.lastHeartbeatTime, c.lastTransitionTime], ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', T0, T1]);
  }
  assert.equal(byType.get('NetworkUnavailable')?.status, 'False');
  assert.deepEqual(n.spec.taints, [
    { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: T1 },
    { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: T1 },
  ]);
  assert.equal(isNodeReady(n), false);
  // Marking again changes nothing but keeps the first transition time.
  assert.equal(markNodeUnreachable(n, T2).status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime, T1);

  const healed = healNode(n, T2);
  assert.ok(isNodeReady(healed));
  assert.deepEqual(healed.spec.taints, [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]);
  const ready = healed.status?.conditions?.find((c) => c.type === 'Ready');
  assert.deepEqual([ready?.reason, ready?.lastHeartbeatTime, ready?.lastTransitionTime], ['KubeletReady', T2, T2]);
  assert.equal(healed.status?.conditions?.find((c) => c.type === 'NetworkUnavailable')?.lastTransitionTime, T0);
});

test('NotReady kubelet: Ready=False and not-ready taints', () => {
  const n = markNodeNotReady(gpuNode(), T1);
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  assert.deepEqual([ready?.status, ready?.reason], ['False', 'KubeletNotReady']);
  assert.deepEqual(n.spec.taints?.slice(1).map((t) => `${t.key}:${t.effect}`), ['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
});

test('heartbeat only moves lastHeartbeatTime', () => {
  const n = nodeHeartbeat(gpuNode(), T1);
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  assert.deepEqual([ready?.lastHeartbeatTime, ready?.lastTransitionTime], [T1, T0]);
});
