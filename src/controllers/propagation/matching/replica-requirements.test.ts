import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { replicaResourceRequest } from './replica-requirements.js';

const deployment = (pod: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: pod } } });

test('containers are summed, an init container counts when it asks for more, limits stand in for missing requests', () => {
  const pod = {
    containers: [
      { name: 'a', resources: { requests: { cpu: '250m', memory: '64Mi' } } },
      { name: 'b', resources: { requests: { cpu: '250m' }, limits: { memory: '128Mi' } } },
    ],
    initContainers: [{ name: 'init', resources: { requests: { cpu: '2' } } }],
  };
  assert.deepEqual(replicaResourceRequest(deployment(pod)), { cpu: '2', memory: '192Mi' });
  assert.deepEqual(replicaResourceRequest(deployment({ containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }, { name: 'b', resources: { requests: { cpu: '150m' } } }] })), { cpu: '250m' });
});

test('workloads without requests or without a pod template give nothing', () => {
  assert.equal(replicaResourceRequest(deployment({ containers: [{ name: 'a' }] })), undefined);
  assert.equal(replicaResourceRequest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }), undefined);
});
