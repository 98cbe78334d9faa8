import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { interpretHealth, type Health } from './index.js';

const obj = (apiVersion: string, kind: string, generation: number | undefined, spec: unknown, status: unknown): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'x', ...(generation === undefined ? {} : { generation }) },
  ...(spec === undefined ? {} : { spec }),
  ...(status === undefined ? {} : { status }),
});
const deploy = (generation: number, spec: unknown, status: unknown) => obj('apps/v1', 'Deployment', generation, spec, status);
const sts = (spec: unknown, status: unknown) => obj('apps/v1', 'StatefulSet', 1, spec, status);

const cases: { name: string; member: KubeObject; want: Health }[] = [
  { name: 'Deployment rolled out', member: deploy(2, { replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, availableReplicas: 3 }), want: 'Healthy' },
  { name: 'Deployment not yet observed', member: deploy(3, { replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, availableReplicas: 3 }), want: 'Unhealthy' },
  { name: 'Deployment still updating', member: deploy(2, { replicas: 3 }, { observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2 }), want: 'Unhealthy' },
  { name: 'Deployment updated but not available', member: deploy(2, { replicas: 3 }, { observedGeneration: 2, updatedReplicas: 3, availableReplicas: 2 }), want: 'Unhealthy' },
  { name: 'Deployment without spec.replicas only compares available and updated', member: deploy(1, {}, { observedGeneration: 1, updatedReplicas: 0, availableReplicas: 0 }), want: 'Healthy' },
  { name: 'Deployment with no status and no generation', member: obj('apps/v1', 'Deployment', undefined, { replicas: 0 }, undefined), want: 'Healthy' },
  { name: 'Deployment with a string count is Unknown', member: deploy(1, { replicas: '3' }, { observedGeneration: 1 }), want: 'Unknown' },
  { name: 'Deployment with a non-object status is Unknown', member: deploy(1, { replicas: 1 }, 'broken'), want: 'Unknown' },
  { name: 'StatefulSet rolled out', member: sts({ replicas: 3 }, { observedGeneration: 1, updatedReplicas: 3, availableReplicas: 3 }), want: 'Healthy' },
  { name: 'StatefulSet partition 2 of 3: one updated pod is enough', member: sts({ replicas: 3, updateStrategy: { rollingUpdate: { partition: 2 } } }, { observedGeneration: 1, updatedReplicas: 1, availableReplicas: 3 }), want: 'Healthy' },
  { name: 'StatefulSet partition 1 of 3: one updated pod is not enough', member: sts({ replicas: 3, updateStrategy: { rollingUpdate: { partition: 1 } } }, { observedGeneration: 1, updatedReplicas: 1, availableReplicas: 3 }), want: 'Unhealthy' },
  { name: 'StatefulSet updated but a pod down', member: sts({ replicas: 3 }, { observedGeneration: 1, updatedReplicas: 3, availableReplicas: 2 }), want: 'Unhealthy' },
  { name: 'StatefulSet not observed', member: sts({ replicas: 1 }, { observedGeneration: 0, updatedReplicas: 1, availableReplicas: 1 }), want: 'Unhealthy' },
  { name: 'ReplicaSet available', member: obj('apps/v1', 'ReplicaSet', 1, { replicas: 2 }, { observedGeneration: 1, availableReplicas: 2 }), want: 'Healthy' },
  { name: 'ReplicaSet short of replicas', member: obj('apps/v1', 'ReplicaSet', 1, { replicas: 2 }, { observedGeneration: 1, availableReplicas: 1 }), want: 'Unhealthy' },
  { name: 'DaemonSet rolled out', member: obj('apps/v1', 'DaemonSet', 1, {}, { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 }), want: 'Healthy' },
  { name: 'DaemonSet still updating', member: obj('apps/v1', 'DaemonSet', 1, {}, { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 1, numberAvailable: 1 }), want: 'Unhealthy' },
  { name: 'DaemonSet updated but unavailable', member: obj('apps/v1', 'DaemonSet', 1, {}, { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1 }), want: 'Unhealthy' },
  { name: 'Service ClusterIP', member: obj('v1', 'Service', undefined, { type: 'ClusterIP' }, {}), want: 'Healthy' },
  { name: 'Service without a type', member: obj('v1', 'Service', undefined, {}, undefined), want: 'Healthy' },
  { name: 'Service LoadBalancer without ingress', member: obj('v1', 'Service', undefined, { type: 'LoadBalancer' }, { loadBalancer: {} }), want: 'Unhealthy' },
  { name: 'Service LoadBalancer with an empty ingress point', member: obj('v1', 'Service', undefined, { type: 'LoadBalancer' }, { loadBalancer: { ingress: [{}] } }), want: 'Unhealthy' },
  { name: 'Service LoadBalancer with an ip', member: obj('v1', 'Service', undefined, { type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } }), want: 'Healthy' },
  { name: 'Ingress with a hostname', member: obj('networking.k8s.io/v1', 'Ingress', 1, {}, { loadBalancer: { ingress: [{ hostname: 'a.example' }] } }), want: 'Healthy' },
  { name: 'Ingress without an address', member: obj('networking.k8s.io/v1', 'Ingress', 1, {}, {}), want: 'Unhealthy' },
  { name: 'PVC Bound', member: obj('v1', 'PersistentVolumeClaim', undefined, {}, { phase: 'Bound' }), want: 'Healthy' },
  { name: 'PVC Pending', member: obj('v1', 'PersistentVolumeClaim', undefined, {}, { phase: 'Pending' }), want: 'Unhealthy' },
  { name: 'Pod Succeeded', member: obj('v1', 'Pod', undefined, {}, { phase: 'Succeeded' }), want: 'Healthy' },
  { name: 'Pod Running and Ready', member: obj('v1', 'Pod', undefined, {}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), want: 'Healthy' },
  { name: 'Pod Running, not Ready', member: obj('v1', 'Pod', undefined, {}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] }), want: 'Unhealthy' },
  { name: 'Pod Pending', member: obj('v1', 'Pod', undefined, {}, { phase: 'Pending' }), want: 'Unhealthy' },
  { name: 'PDB enough healthy', member: obj('policy/v1', 'PodDisruptionBudget', 1, {}, { currentHealthy: 2, desiredHealthy: 2 }), want: 'Healthy' },
  { name: 'PDB too few healthy', member: obj('policy/v1', 'PodDisruptionBudget', 1, {}, { currentHealthy: 1, desiredHealthy: 2 }), want: 'Unhealthy' },
  { name: 'Job has no rule: Healthy even when failed', member: obj('batch/v1', 'Job', 1, {}, { conditions: [{ type: 'Failed', status: 'True' }] }), want: 'Healthy' },
  { name: 'PersistentVolume has no rule', member: obj('v1', 'PersistentVolume', undefined, {}, { phase: 'Failed' }), want: 'Healthy' },
  { name: 'custom kind has no rule', member: obj('example.com/v1', 'Widget', 1, {}, 'anything'), want: 'Healthy' },
];

for (const c of cases) {
  test(`interpretHealth: ${c.name}`, () => {
    assert.equal(interpretHealth(c.member), c.want);
  });
}
