import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { reflectStatus } from './index.js';

const obj = (apiVersion: string, kind: string, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion, kind, metadata: { name: 'x', namespace: 'default', ...(extra.metadata ?? {}) }, ...extra });

interface Case {
  name: string;
  member: KubeObject;
  want: Record<string, unknown> | undefined;
}

const deploymentStatus = { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 2, conditions: [{ type: 'Available', status: 'True' }], collisionCount: 1 };

const cases: Case[] = [
  {
    name: 'Deployment: counts, observedGeneration, member generation and template generation; zero unavailable omitted',
    member: obj('apps/v1', 'Deployment', { metadata: { generation: 2, annotations: { 'resourcetemplate.karmada.io/generation': '1' } }, status: deploymentStatus }),
    want: { generation: 2, resourceTemplateGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 2 },
  },
  {
    name: 'Deployment without the template generation annotation: member generation only',
    member: obj('apps/v1', 'Deployment', { metadata: { generation: 4 }, status: { replicas: 1, unavailableReplicas: 1, observedGeneration: 3 } }),
    want: { generation: 4, replicas: 1, unavailableReplicas: 1, observedGeneration: 3 },
  },
  { name: 'Deployment without status: nothing', member: obj('apps/v1', 'Deployment', { metadata: { generation: 1 } }), want: undefined },
  { name: 'Deployment with an empty status and no generation: nothing', member: obj('apps/v1', 'Deployment', { status: {} }), want: undefined },
  {
    name: 'Deployment with a non-integer template generation annotation: nothing',
    member: obj('apps/v1', 'Deployment', { metadata: { generation: 1, annotations: { 'resourcetemplate.karmada.io/generation': 'invalid' } }, status: deploymentStatus }),
    want: undefined,
  },
  { name: 'Deployment with a string count: nothing', member: obj('apps/v1', 'Deployment', { status: { replicas: '3' } }), want: undefined },
  {
    name: 'StatefulSet: replicas and availableReplicas always written',
    member: obj('apps/v1', 'StatefulSet', { metadata: { generation: 1 }, status: { replicas: 0, currentRevision: 'r1', observedGeneration: 1 } }),
    want: { generation: 1, replicas: 0, availableReplicas: 0, observedGeneration: 1 },
  },
  {
    name: 'DaemonSet: the four scheduling counts always written',
    member: obj('apps/v1', 'DaemonSet', { metadata: { generation: 2 }, status: { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberReady: 1, numberAvailable: 1, numberUnavailable: 1, updatedNumberScheduled: 2, observedGeneration: 2 } }),
    want: { generation: 2, currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 1, numberUnavailable: 1, observedGeneration: 2 },
  },
  {
    name: 'Service ClusterIP: nothing',
    member: obj('v1', 'Service', { spec: { type: 'ClusterIP' }, status: { loadBalancer: {} } }),
    want: undefined,
  },
  {
    name: 'Service LoadBalancer: the load balancer only',
    member: obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] }, conditions: [{ type: 'x' }] } }),
    want: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
  },
  { name: 'Service LoadBalancer without status: nothing', member: obj('v1', 'Service', { spec: { type: 'LoadBalancer' } }), want: undefined },
  {
    name: 'Ingress: whole status',
    member: obj('networking.k8s.io/v1', 'Ingress', { status: { loadBalancer: { ingress: [{ hostname: 'lb.example' }] } } }),
    want: { loadBalancer: { ingress: [{ hostname: 'lb.example' }] } },
  },
  {
    name: 'Job: counts, conditions, times; ready and terminating dropped',
    member: obj('batch/v1', 'Job', { status: { active: 1, succeeded: 2, ready: 1, terminating: 0, startTime: '2024-01-01T00:00:00Z', conditions: [{ type: 'Complete', status: 'True' }] } }),
    want: { active: 1, succeeded: 2, startTime: '2024-01-01T00:00:00Z', conditions: [{ type: 'Complete', status: 'True' }] },
  },
  {
    name: 'PodDisruptionBudget: counts and disrupted pods; conditions dropped',
    member: obj('policy/v1', 'PodDisruptionBudget', { status: { currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptionsAllowed: 1, observedGeneration: 1, conditions: [{ type: 'DisruptionAllowed' }], disruptedPods: { p1: '2024-01-01T00:00:00Z' } } }),
    want: { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptedPods: { p1: '2024-01-01T00:00:00Z' } },
  },
  {
    name: 'HorizontalPodAutoscaler: current and desired replicas',
    member: obj('autoscaling/v2', 'HorizontalPodAutoscaler', { status: { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [] } }),
    want: { currentReplicas: 2, desiredReplicas: 3 },
  },
  {
    name: 'ReplicaSet: whole status (no dedicated reflector)',
    member: obj('apps/v1', 'ReplicaSet', { status: { replicas: 2, fullyLabeledReplicas: 2 } }),
    want: { replicas: 2, fullyLabeledReplicas: 2 },
  },
  {
    name: 'Pod: whole status',
    member: obj('v1', 'Pod', { status: { phase: 'Running', podIP: '10.0.0.1' } }),
    want: { phase: 'Running', podIP: '10.0.0.1' },
  },
  { name: 'CronJob: whole status', member: obj('batch/v1', 'CronJob', { status: { lastScheduleTime: '2024-01-01T00:00:00Z' } }), want: { lastScheduleTime: '2024-01-01T00:00:00Z' } },
  { name: 'custom kind: whole status', member: obj('example.com/v1', 'Widget', { status: { phase: 'Ready', nested: { a: 1 } } }), want: { phase: 'Ready', nested: { a: 1 } } },
  { name: 'custom kind without status: nothing', member: obj('example.com/v1', 'Widget'), want: undefined },
  { name: 'custom kind with a non-object status: nothing', member: obj('example.com/v1', 'Widget', { status: 'weird' }), want: undefined },
  {
    name: 'a Deployment of another group is not apps Deployment: whole status',
    member: obj('example.com/v1', 'Deployment', { status: { replicas: 3, anything: true } }),
    want: { replicas: 3, anything: true },
  },
];

for (const c of cases) {
  test(`reflectStatus: ${c.name}`, () => {
    assert.deepEqual(reflectStatus(c.member), c.want);
  });
}

test('reflectStatus: whole status is a copy, not the member object', () => {
  const member = obj('example.com/v1', 'Widget', { status: { nested: { a: 1 } } });
  const reflected = reflectStatus(member)!;
  (reflected.nested as Record<string, unknown>).a = 2;
  assert.deepEqual(member.status, { nested: { a: 1 } });
});
