import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { plaintextPatches } from './plaintext.js';
import { replicasPatches } from './replicas.js';
import { OverrideError } from './types.js';

const deployment = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });

test('replicasOverrider replaces spec.replicas', () => {
  assert.deepEqual(replicasPatches(deployment({ replicas: 2 }), { value: 5 }), [{ op: 'replace', path: '/spec/replicas', value: 5 }]);
});

test('replicasOverrider adds spec.replicas when absent', () => {
  assert.deepEqual(replicasPatches(deployment({}), { value: 0 }), [{ op: 'add', path: '/spec/replicas', value: 0 }]);
});

test('replicasOverrider needs a spec and a non-negative integer', () => {
  assert.throws(() => replicasPatches({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, { value: 1 }), /ConfigMap has no spec/);
  assert.throws(() => replicasPatches(deployment({}), { value: -1 }), OverrideError);
  assert.throws(() => replicasPatches(deployment({}), { value: 1.5 }), OverrideError);
});

test('plaintext entries become one operation each; remove carries no value', () => {
  const o = deployment({});
  assert.deepEqual(plaintextPatches(o, { path: '/spec/paused', operator: 'add', value: true }), [{ op: 'add', path: '/spec/paused', value: true }]);
  assert.deepEqual(plaintextPatches(o, { path: '/spec/paused', operator: 'remove', value: 'ignored' }), [{ op: 'remove', path: '/spec/paused' }]);
  assert.deepEqual(plaintextPatches(o, { path: '/metadata/labels', operator: 'replace', value: { a: 'b' } }), [{ op: 'replace', path: '/metadata/labels', value: { a: 'b' } }]);
});
