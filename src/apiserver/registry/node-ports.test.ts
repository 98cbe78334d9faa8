import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { allocateNodePorts, carryNodePorts, nodePortCauses, nodePortsOf } from './node-ports.js';

const service = (type: string, ports: Record<string, unknown>[], name = 's'): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type, ports } });
const nodePorts = (s: KubeObject): unknown[] => (s.spec as { ports: { nodePort?: number }[] }).ports.map((p) => p.nodePort);

test('every port without a node port gets a free one in 30000-32767; named ones are kept', () => {
  const used = new Set([30000, 30001]);
  const s = service('NodePort', [{ port: 80 }, { port: 443, nodePort: 31443 }, { port: 8080 }]);
  allocateNodePorts(s, used);
  const [a, b, c] = nodePorts(s) as number[];
  assert.equal(b, 31443);
  for (const p of [a!, c!]) assert.ok(p >= 30000 && p <= 32767 && p !== 30000 && p !== 30001 && p !== 31443, String(p));
  assert.notEqual(a, c);
  assert.deepEqual(nodePortsOf([s]), new Set([a, 31443, c]));
});

test('an update keeps allocations by port name or number, and a Service turned ClusterIP gives back unchanged ones', () => {
  const old = service('NodePort', [{ name: 'http', port: 80, nodePort: 30080 }, { port: 443, nodePort: 30443 }]);
  const next = service('NodePort', [{ name: 'http', port: 8080 }, { port: 443 }, { port: 9090 }]);
  carryNodePorts(next, old);
  assert.deepEqual(nodePorts(next), [30080, 30443, undefined]);
  const clusterIp = service('ClusterIP', [{ name: 'http', port: 80, nodePort: 30080 }, { port: 443, nodePort: 31000 }]);
  carryNodePorts(clusterIp, old);
  assert.deepEqual(nodePorts(clusterIp), [undefined, 31000], 'a node port the update itself changed is left for validation to refuse');
});

test('node ports out of range, taken, or on a type without them are refused as kube-apiserver refuses them', () => {
  const messages = (s: KubeObject, taken: number[] = []): string[] => nodePortCauses(s, () => new Set(taken)).map((c) => `${c.field}: ${c.message}`);
  assert.deepEqual(messages(service('NodePort', [{ port: 80, nodePort: 30080 }])), []);
  assert.deepEqual(messages(service('NodePort', [{ port: 80, nodePort: 80 }, { port: 81, nodePort: 30081 }]), [30081]), [
    'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    'spec.ports[1].nodePort: Invalid value: 30081: provided port is already allocated',
  ]);
  assert.deepEqual(messages(service('ClusterIP', [{ port: 80, nodePort: 30080 }])), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
});
