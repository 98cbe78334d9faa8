import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { summarizeCluster } from './summary.js';

const node = (name: string, ready: boolean, zone: string): KubeObject => ({
  metadata: { name, labels: { 'topology.kubernetes.io/region': 'eu-west-1', 'topology.kubernetes.io/zone': zone } },
  spec: { providerID: `aws:///${zone}/${name}` },
  status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' }, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const pod = (node: string, cpu: string, phase = 'Running'): KubeObject => ({
  metadata: { name: `p-${node}-${cpu}` },
  spec: { nodeName: node, containers: [{ name: 'c', resources: { requests: { cpu, memory: '1Gi' } } }] },
  status: { phase },
});

test('a cluster summary counts ready capacity, requests of bound pods, and topology', () => {
  const summary = summarizeCluster([node('n1', true, 'eu-west-1a'), node('n2', true, 'eu-west-1b'), node('n3', false, 'eu-west-1b')], [pod('n1', '500m'), pod('n2', '1'), pod('n2', '2', 'Succeeded')]);
  assert.deepEqual(summary.nodeSummary, { totalNum: 3, readyNum: 2 });
  assert.equal(summary.resourceSummary.allocatable.cpu, '8');
  assert.equal(summary.resourceSummary.allocated.cpu, '1500m');
  assert.equal(summary.resourceSummary.available.cpu, '6500m');
  assert.equal(summary.resourceSummary.available.pods, '218');
  assert.equal(summary.resourceSummary.available.memory, '30Gi');
  assert.equal(summary.region, 'eu-west-1');
  assert.deepEqual(summary.zones, ['eu-west-1a', 'eu-west-1b']);
  assert.equal(summary.provider, 'aws');
});
