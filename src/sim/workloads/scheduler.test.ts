import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNode, markNodeUnreachable, type SimNodeSpec } from './nodes.js';
import { bindingFor, podScheduledFalseCondition, schedulePod, schedulingEvent, withPodCondition } from './scheduler.js';
import type { Container, Node, Pod, PodSpec } from './types-core.js';

const NOW = '2025-03-01T12:00:00Z';

function node(name: string, extra: Partial<SimNodeSpec> = {}): Node {
  return buildNode({ name, internalIP: '10.0.0.1', capacity: { cpu: '4', memory: '8Gi', pods: '110' }, ...extra }, NOW);
}

function pod(name: string, spec: Partial<PodSpec> = {}, requests?: Record<string, string>): Pod {
  const container: Container = { name: 'app', image: 'nginx' };
  if (requests) container.resources = { requests };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { containers: [container], ...spec } };
}

function running(name: string, nodeName: string, requests: Record<string, string>, priority?: number): Pod {
  const p = pod(name, { nodeName }, requests);
  if (priority !== undefined) p.spec.priority = priority;
  p.status = { phase: 'Running' };
  return p;
}

const zone = (z: string): Partial<SimNodeSpec> => ({ labels: { 'topology.kubernetes.io/zone': z } });

const cases: { name: string; pod: Pod; nodes: Node[]; pods?: Record<string, Pod[]>; want: string }[] = [
  {
    name: 'affinity, taint and capacity mixed (the message users see)',
    pod: pod('web', { nodeSelector: { 'topology.kubernetes.io/zone': 'a' } }, { cpu: '3' }),
    nodes: [node('n1', zone('a')), node('n2', zone('b')), node('n3', zone('c'))],
    pods: { n1: [running('busy', 'n1', { cpu: '2' })] },
    want:
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
  },
  {
    name: 'nothing matches the node affinity',
    pod: pod('web', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }] } } },
    }),
    nodes: [node('n1'), node('n2'), node('n3')],
    want: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  },
  {
    name: 'untolerated NoSchedule taint names key and value',
    pod: pod('web'),
    nodes: [node('n1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })],
    want: '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'cordoned node',
    pod: pod('web'),
    nodes: [{ ...node('n1'), spec: { unschedulable: true } }],
    want: '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'unreachable node (node lifecycle taints)',
    pod: pod('web'),
    nodes: [markNodeUnreachable(node('n1'), NOW)],
    want: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'pod count limit',
    pod: pod('web'),
    nodes: [node('n1', { capacity: { cpu: '4', memory: '8Gi', pods: '1' } })],
    pods: { n1: [running('a', 'n1', {})] },
    want: '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  },
  {
    name: 'extended resource (GPU) missing on the node',
    pod: pod('train', {}, { 'nvidia.com/gpu': '1' }),
    nodes: [node('n1'), node('g1', { capacity: { cpu: '4', memory: '8Gi', pods: '110', 'nvidia.com/gpu': '1' } })],
    pods: { g1: [running('other', 'g1', { 'nvidia.com/gpu': '1' })] },
    want: '0/2 nodes are available: 2 Insufficient nvidia.com/gpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
  },
  {
    name: 'every shortage of a node counts separately',
    pod: pod('big', {}, { cpu: '8', memory: '16Gi' }),
    nodes: [node('n1'), node('n2')],
    want: '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
  },
  {
    name: 'init container max rule: one 3-cpu init container outweighs the 1-cpu app container',
    pod: { ...pod('init', {}, { cpu: '1' }), spec: { containers: [{ name: 'app', resources: { requests: { cpu: '1' } } }], initContainers: [{ name: 'setup', resources: { requests: { cpu: '3' } } }] } },
    nodes: [node('n1')],
    pods: { n1: [running('a', 'n1', { cpu: '2' })] },
    want: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  },
  {
    name: 'reasons sort as strings: "10 ..." before "2 ..."',
    pod: pod('web', {}, { cpu: '3' }),
    nodes: [
      ...Array.from({ length: 10 }, (_, i) => node(`t${i}`, { taints: [{ key: 'a', value: 'b', effect: 'NoExecute' }] })),
      node('c1'),
      node('c2'),
    ],
    pods: { c1: [running('x', 'c1', { cpu: '2' })], c2: [running('y', 'c2', { cpu: '2' })] },
    want: '0/12 nodes are available: 10 node(s) had untolerated taint {a: b}, 2 Insufficient cpu. preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  },
  {
    name: 'DaemonSet-style pinning by metadata.name: other nodes are absent from filtering',
    pod: pod('ds', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] } } },
    }, { cpu: '5' }),
    nodes: [node('n1'), node('n2'), node('n3')],
    want: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
  },
  {
    name: 'host port already taken',
    pod: { ...pod('hp'), spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }] }] } },
    nodes: [node('n1')],
    pods: { n1: [{ ...running('other', 'n1', {}), spec: { nodeName: 'n1', containers: [{ name: 'b', ports: [{ containerPort: 80, hostPort: 8080 }] }] } }] },
    want: "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
  },
  {
    name: 'preemptionPolicy Never',
    pod: pod('np', { preemptionPolicy: 'Never' }, { cpu: '5' }),
    nodes: [node('n1')],
    want: '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
  },
  {
    name: 'no nodes at all',
    pod: pod('web'),
    nodes: [],
    want: 'no nodes available to schedule pods',
  },
];

for (const c of cases) {
  test(`FailedScheduling: ${c.name}`, () => {
    const result = schedulePod(c.pod, c.nodes, c.pods ?? {});
    assert.deepEqual(result, { reason: 'Unschedulable', message: c.want });
  });
}

const selectorCases: { name: string; affinity: NonNullable<PodSpec['affinity']>; want: string }[] = [
  { name: 'In', affinity: req([{ key: 'tier', operator: 'In', values: ['gold'] }]), want: 'gold' },
  { name: 'NotIn', affinity: req([{ key: 'tier', operator: 'NotIn', values: ['gold', 'silver'] }]), want: 'none' },
  { name: 'Exists', affinity: req([{ key: 'tier', operator: 'Exists' }]), want: 'gold' },
  { name: 'DoesNotExist', affinity: req([{ key: 'tier', operator: 'DoesNotExist' }]), want: 'none' },
  { name: 'Gt', affinity: req([{ key: 'cores', operator: 'Gt', values: ['16'] }]), want: 'silver' },
  { name: 'Lt', affinity: req([{ key: 'cores', operator: 'Lt', values: ['16'] }]), want: 'gold' },
  { name: 'matchFields metadata.name', affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['silver'] }] }] } } }, want: 'silver' },
  { name: 'terms are ORed', affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['bronze'] }] }, { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['16'] }] }] } } }, want: 'silver' },
];

function req(matchExpressions: { key: string; operator: string; values?: string[] }[]): NonNullable<PodSpec['affinity']> {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } };
}

for (const c of selectorCases) {
  test(`node affinity operator: ${c.name}`, () => {
    const nodes = [node('gold', { labels: { tier: 'gold', cores: '8' } }), node('silver', { labels: { tier: 'silver', cores: '32' } }), node('none', { labels: { cores: 'x' } })];
    // A busy "none" would lose the least-allocated pick, so make every node equally empty.
    const r = schedulePod(pod('p', { affinity: c.affinity }), nodes, {});
    assert.deepEqual(r, { nodeName: c.want });
  });
}

test('tolerations: Equal, Exists, and an empty key with Exists tolerate the taint', () => {
  const tainted = [node('t', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })];
  for (const tolerations of [
    [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
    [{ key: 'dedicated', operator: 'Exists' }],
    [{ operator: 'Exists' }],
  ]) {
    assert.deepEqual(schedulePod(pod('p', { tolerations }), tainted, {}), { nodeName: 't' });
  }
  const wrongValue = schedulePod(pod('p', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'cpu' }] }), tainted, {});
  assert.ok('reason' in wrongValue);
  // PreferNoSchedule never blocks.
  assert.deepEqual(schedulePod(pod('p'), [node('soft', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] })], {}), { nodeName: 'soft' });
});

test('picks the least allocated node, ties by name; terminal pods do not count', () => {
  const nodes = [node('b'), node('a'), node('c')];
  assert.deepEqual(schedulePod(pod('p', {}, { cpu: '1' }), nodes, {}), { nodeName: 'a' });
  const pods = { a: [running('x', 'a', { cpu: '2' })], b: [running('y', 'b', { cpu: '1' })], c: [{ ...running('z', 'c', { cpu: '3' }), status: { phase: 'Succeeded' } }] };
  assert.deepEqual(schedulePod(pod('p', {}, { cpu: '1' }), nodes, pods), { nodeName: 'c' });
});

test('sidecar init containers add to the pod total', () => {
  const p: Pod = {
    ...pod('s'),
    spec: {
      initContainers: [{ name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '1' } } }],
      containers: [{ name: 'app', resources: { requests: { cpu: '3' } } }],
    },
  };
  const r = schedulePod(p, [node('n1')], { n1: [running('a', 'n1', { cpu: '1' })] });
  assert.ok('reason' in r && r.message.startsWith('0/1 nodes are available: 1 Insufficient cpu.'));
  assert.deepEqual(schedulePod(p, [node('n1')], {}), { nodeName: 'n1' });
});

test('preemption: a higher-priority pod nominates a node and names the fewest lower-priority victims', () => {
  const p = pod('vip', { priority: 1000 }, { cpu: '2' });
  const pods = {
    n1: [running('low-a', 'n1', { cpu: '2' }, 0), running('low-b', 'n1', { cpu: '2' }, 0)],
    n2: [running('mid', 'n2', { cpu: '4' }, 500)],
  };
  const r = schedulePod(p, [node('n1'), node('n2')], pods);
  assert.ok('reason' in r);
  assert.equal(r.message, '0/2 nodes are available: 2 Insufficient cpu.');
  assert.equal(r.nominatedNodeName, 'n1');
  assert.equal(r.victims?.length, 1);
});

test('PodScheduled=False condition, FailedScheduling event and binding', () => {
  const p = pod('web');
  const message = '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
  const c = podScheduledFalseCondition('Unschedulable', message, NOW);
  assert.deepEqual(c, { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: NOW, reason: 'Unschedulable', message });
  const later = podScheduledFalseCondition('Unschedulable', 'other', '2025-03-01T12:05:00Z', c);
  assert.equal(later.lastTransitionTime, NOW, 'transition time kept while still False');
  assert.deepEqual(withPodCondition([{ type: 'Ready', status: 'False' }, c], later).map((x) => x.message ?? x.type), ['Ready', 'other']);
  assert.deepEqual(schedulingEvent(p, { reason: 'Unschedulable', message }), { type: 'Warning', reason: 'FailedScheduling', message });
  assert.deepEqual(schedulingEvent(p, { nodeName: 'n1' }), { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web to n1' });
  assert.deepEqual(bindingFor(p, 'n1'), { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: 'n1' } });
});

test('scheduling gates hold the pod back', () => {
  assert.deepEqual(schedulePod(pod('g', { schedulingGates: [{ name: 'wait' }] }), [node('n1')], {}), {
    reason: 'SchedulingGated',
    message: 'Scheduling is blocked due to non-empty scheduling gates',
  });
});
