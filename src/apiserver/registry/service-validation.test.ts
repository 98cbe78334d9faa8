import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { serviceCauses } from './service-validation.js';

const service = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec });
const messages = (spec: Record<string, unknown>): string[] => serviceCauses(service(spec)).map((c) => `${c.field}: ${c.message}`);

test('Service ports as kube-apiserver checks them', () => {
  assert.deepEqual(messages({ ports: [{ port: 80, targetPort: 8080 }] }), [], 'one port needs no name');
  assert.deepEqual(messages({ ports: [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9090 }] }), []);
  assert.deepEqual(messages({ clusterIP: 'None' }), [], 'a headless Service may have no ports');
  assert.deepEqual(messages({ type: 'ExternalName', externalName: 'example.com' }), []);
  assert.deepEqual(messages({}), ['spec.ports: Required value']);
  assert.deepEqual(messages({ ports: [{ port: 70000 }, { name: 'b', port: 80, targetPort: 0 }, { name: 'b', port: 81, targetPort: 'Web_Port' }] }), [
    'spec.ports[0].name: Required value',
    'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.ports[2].name: Duplicate value: "b"',
    'spec.ports[2].targetPort: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
  ]);
  assert.match(messages({ ports: [{ name: 'Http', port: 80 }, { name: 'x', port: 81 }] })[0]!, /^spec\.ports\[0\]\.name: Invalid value: "Http": a lowercase RFC 1123 label must consist of/);
});
