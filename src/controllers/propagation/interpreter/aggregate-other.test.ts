import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { aggregateStatus } from './index.js';

type Item = { clusterName: string; status?: Record<string, unknown> };

const obj = (apiVersion: string, kind: string, spec: Record<string, unknown> = {}, status?: Record<string, unknown>): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'x', namespace: 'default' },
  spec,
  ...(status ? { status } : {}),
});

const running = { running: { startedAt: '2024-05-01T10:00:00Z' } };
const container = (ready: boolean) => ({ name: '', state: running, lastState: {}, ready, restartCount: 0, image: '', imageID: '' });

const cases: { name: string; template: KubeObject; items: Item[]; want: Record<string, unknown> | undefined }[] = [
  // Service
  {
    name: 'Service ClusterIP keeps its status',
    template: obj('v1', 'Service', { type: 'ClusterIP' }),
    items: [{ clusterName: 'member1', status: { loadBalancer: { ingress: [{ ip: '8.8.8.8' }] } } }],
    want: undefined,
  },
  {
    name: 'Service LoadBalancer: ingress collected, cluster name as default hostname (upstream vector)',
    template: obj('v1', 'Service', { type: 'LoadBalancer' }),
    items: [
      { clusterName: 'member1', status: { loadBalancer: { ingress: [{ ip: '8.8.8.8' }] } } },
      { clusterName: 'member2', status: { loadBalancer: { ingress: [{ ip: '8.8.4.4', hostname: 'lb.member2.example' }] } } },
      { clusterName: 'member3' },
    ],
    want: { loadBalancer: { ingress: [{ ip: '8.8.8.8', hostname: 'member1' }, { ip: '8.8.4.4', hostname: 'lb.member2.example' }] } },
  },
  {
    name: 'Service LoadBalancer: no ingress anywhere clears a stale one, keeps conditions',
    template: obj('v1', 'Service', { type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] }, conditions: [{ type: 'c' }] }),
    items: [{ clusterName: 'member1', status: { loadBalancer: {} } }],
    want: { loadBalancer: {}, conditions: [{ type: 'c' }] },
  },
  // Ingress
  {
    name: 'Ingress: ingress collected from whole reflected statuses',
    template: obj('networking.k8s.io/v1', 'Ingress'),
    items: [{ clusterName: 'member1', status: { loadBalancer: { ingress: [{ ip: '8.8.8.8', ports: [{ port: 80, protocol: 'TCP' }] }] } } }],
    want: { loadBalancer: { ingress: [{ ip: '8.8.8.8', ports: [{ port: 80, protocol: 'TCP' }], hostname: 'member1' }] } },
  },
  // Pod
  {
    name: 'Pod: all running, container readiness and state listed',
    template: obj('v1', 'Pod'),
    items: [
      { clusterName: 'member1', status: { phase: 'Running', podIP: '10.0.0.1', containerStatuses: [{ name: 'app', image: 'nginx', imageID: 'sha', ready: true, restartCount: 2, state: running }] } },
      { clusterName: 'member2', status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: false, state: running }] } },
    ],
    want: { phase: 'Running', containerStatuses: [container(true), container(false)] },
  },
  {
    name: 'Pod: a member not reported counts as Pending',
    template: obj('v1', 'Pod'),
    items: [{ clusterName: 'member1', status: { phase: 'Succeeded' } }, { clusterName: 'member2' }],
    want: { phase: 'Pending' },
  },
  {
    name: 'Pod: Failed beats everything; init containers listed',
    template: obj('v1', 'Pod'),
    items: [
      { clusterName: 'member1', status: { phase: 'Running' } },
      { clusterName: 'member2', status: { phase: 'Failed', initContainerStatuses: [{ name: 'init', ready: false, state: running }] } },
    ],
    want: { phase: 'Failed', initContainerStatuses: [container(false)] },
  },
  { name: 'Pod: Running beats Succeeded', template: obj('v1', 'Pod'), items: [{ clusterName: 'a', status: { phase: 'Succeeded' } }, { clusterName: 'b', status: { phase: 'Running' } }], want: { phase: 'Running' } },
  { name: 'Pod: no target clusters keeps its status', template: obj('v1', 'Pod', {}, { phase: 'Running' }), items: [], want: undefined },
  // PersistentVolume
  {
    name: 'PersistentVolume: Available beats Bound',
    template: obj('v1', 'PersistentVolume'),
    items: [{ clusterName: 'a', status: { phase: 'Bound' } }, { clusterName: 'b', status: { phase: 'Available' } }],
    want: { phase: 'Available' },
  },
  {
    name: 'PersistentVolume: a member not reported counts as Pending',
    template: obj('v1', 'PersistentVolume'),
    items: [{ clusterName: 'a', status: { phase: 'Bound' } }, { clusterName: 'b' }],
    want: { phase: 'Pending' },
  },
  { name: 'PersistentVolume: Failed wins', template: obj('v1', 'PersistentVolume'), items: [{ clusterName: 'a', status: { phase: 'Released' } }, { clusterName: 'b', status: { phase: 'Failed' } }], want: { phase: 'Failed' } },
  // PersistentVolumeClaim
  {
    name: 'PVC: all Bound',
    template: obj('v1', 'PersistentVolumeClaim', {}, { capacity: { storage: '1Gi' } }),
    items: [{ clusterName: 'a', status: { phase: 'Bound' } }, { clusterName: 'b', status: { phase: 'Bound' } }],
    want: { capacity: { storage: '1Gi' }, phase: 'Bound' },
  },
  { name: 'PVC: Pending member', template: obj('v1', 'PersistentVolumeClaim'), items: [{ clusterName: 'a', status: { phase: 'Bound' } }, { clusterName: 'b', status: { phase: 'Pending' } }], want: { phase: 'Pending' } },
  { name: 'PVC: Lost wins', template: obj('v1', 'PersistentVolumeClaim'), items: [{ clusterName: 'a', status: { phase: 'Lost' } }, { clusterName: 'b', status: { phase: 'Pending' } }], want: { phase: 'Lost' } },
  { name: 'PVC: members not reported are ignored', template: obj('v1', 'PersistentVolumeClaim'), items: [{ clusterName: 'a' }], want: { phase: 'Bound' } },
  // PodDisruptionBudget
  {
    name: 'PDB: counts summed, disrupted pods keyed by cluster',
    template: obj('policy/v1', 'PodDisruptionBudget', {}, { observedGeneration: 1 }),
    items: [
      { clusterName: 'member1', status: { currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1, disruptedPods: { 'web-1': '2024-05-01T10:00:00Z' } } },
      { clusterName: 'member2', status: { currentHealthy: 1, desiredHealthy: 1, expectedPods: 1, disruptionsAllowed: 0 } },
    ],
    want: { observedGeneration: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, disruptedPods: { 'member1/web-1': '2024-05-01T10:00:00Z' } },
  },
  {
    name: 'PDB: nothing reported writes zero counts',
    template: obj('policy/v1', 'PodDisruptionBudget'),
    items: [{ clusterName: 'member1' }],
    want: { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 },
  },
  // Not aggregated
  { name: 'HorizontalPodAutoscaler is not aggregated', template: obj('autoscaling/v2', 'HorizontalPodAutoscaler'), items: [{ clusterName: 'a', status: { desiredReplicas: 2 } }], want: undefined },
  { name: 'ConfigMap is not aggregated', template: obj('v1', 'ConfigMap'), items: [{ clusterName: 'a' }], want: undefined },
  { name: 'custom kind is not aggregated', template: obj('example.com/v1', 'Widget'), items: [{ clusterName: 'a', status: { phase: 'Ready' } }], want: undefined },
  { name: 'a Service of another group is not aggregated', template: obj('example.com/v1', 'Service', { type: 'LoadBalancer' }), items: [{ clusterName: 'a', status: {} }], want: undefined },
  // Unreadable input
  {
    name: 'a malformed member status leaves the template alone',
    template: obj('policy/v1', 'PodDisruptionBudget'),
    items: [{ clusterName: 'a', status: { currentHealthy: 'two' } }],
    want: undefined,
  },
];

for (const c of cases) {
  test(`aggregateStatus: ${c.name}`, () => {
    assert.deepEqual(aggregateStatus(c.template, c.items), c.want);
  });
}

test('aggregateStatus: the template object is not modified', () => {
  const template = obj('v1', 'Service', { type: 'LoadBalancer' }, { loadBalancer: {} });
  const before = structuredClone(template);
  aggregateStatus(template, [{ clusterName: 'a', status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }]);
  assert.deepEqual(template, before);
});
