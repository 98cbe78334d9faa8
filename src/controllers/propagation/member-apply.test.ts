import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../machinery/object.js';
import { takeOver } from './member-apply.js';

const object = (kind: string, spec: Record<string, unknown>, resourceVersion?: string): KubeObject =>
  ({ apiVersion: 'v1', kind, metadata: { name: 'web', namespace: 'default', ...(resourceVersion ? { resourceVersion } : {}) }, spec }) as KubeObject;

test('taking over a member Service writes at its version and keeps the addresses the member assigned', () => {
  const existing = object('Service', { clusterIP: '10.96.0.7', clusterIPs: ['10.96.0.7'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 80 }] }, '41');
  const body = object('Service', { ports: [{ port: 8080 }] });
  const replacement = takeOver(body, existing, 'Service');
  assert.deepEqual(replacement.spec, { ports: [{ port: 8080 }], clusterIP: '10.96.0.7', clusterIPs: ['10.96.0.7'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  assert.equal(replacement.metadata.resourceVersion, '41');
  assert.deepEqual(body.spec, { ports: [{ port: 8080 }] }, 'the Work body itself is left as it was');
});

test('a kind named like an Object member (a legal CRD kind) is taken over as written', () => {
  for (const kind of ['constructor', 'toString', 'valueOf', '__proto__']) {
    const replacement = takeOver(object(kind, { size: 2 }), object(kind, { size: 1, assigned: 'x' }, '9'), kind);
    assert.deepEqual(replacement.spec, { size: 2 }, kind);
    assert.equal(replacement.metadata.resourceVersion, '9', kind);
  }
});
