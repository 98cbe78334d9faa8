import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { completesApply } from './binding-status.js';
import { executionNamespace } from './kinds.js';

const condition = (type: string, status: string) => ({ type, status, reason: 'R', message: '' });
const binding = (fullyApplied?: string): KubeObject => ({
  apiVersion: 'work.karmada.io/v1alpha2',
  kind: 'ResourceBinding',
  metadata: { name: 'web-deployment', namespace: 'default' },
  ...(fullyApplied ? { status: { conditions: [condition('FullyApplied', fullyApplied)] } } : {}),
});
const work = (cluster: string, applied?: string): KubeObject => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name: 'default-web-deployment', namespace: executionNamespace(cluster) },
  ...(applied ? { status: { conditions: [condition('Applied', applied)] } } : {}),
});
const targets = [
  { name: 'a', replicas: 1 },
  { name: 'b', replicas: 1 },
];

test('a binding completes when the last of its target clusters\' Works reports Applied and it does not say FullyApplied yet', () => {
  assert.equal(completesApply(binding(), [work('a', 'True'), work('b', 'True')], targets), true);
  assert.equal(completesApply(binding('False'), [work('a', 'True'), work('b', 'True')], targets), true);
});

test('not while a target\'s Work is missing, unapplied or failed; not again once FullyApplied; not without targets', () => {
  assert.equal(completesApply(binding(), [work('a', 'True')], targets), false, 'no Work for b yet');
  assert.equal(completesApply(binding(), [work('a', 'True'), work('b')], targets), false, 'b has no status yet');
  assert.equal(completesApply(binding(), [work('a', 'True'), work('b', 'False')], targets), false, 'b failed');
  assert.equal(completesApply(binding(), [work('a', 'True'), work('c', 'True')], targets), false, 'a Work for another cluster does not count');
  assert.equal(completesApply(binding('True'), [work('a', 'True'), work('b', 'True')], targets), false, 'already said');
  assert.equal(completesApply(binding(), [], []), false);
});
