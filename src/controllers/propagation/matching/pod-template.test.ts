import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../../machinery/object.js';
import { podSpecOf, podSpecPath } from './pod-template.js';

const workload = (kind: string, body: Record<string, unknown>): KubeObject => ({ apiVersion: 'example.io/v1', kind, metadata: { name: 'w', namespace: 'default' }, ...body }) as KubeObject;

test('the pod spec is found where each workload kind keeps it', () => {
  const podSpec = { containers: [{ name: 'app', image: 'nginx' }] };
  assert.equal(podSpecOf(workload('Deployment', { spec: { template: { spec: podSpec } } })), podSpec);
  assert.equal(podSpecOf(workload('CronJob', { spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } })), podSpec);
  assert.equal(podSpecOf(workload('Pod', { spec: podSpec })), podSpec);
  assert.equal(podSpecOf(workload('Deployment', { spec: {} })), undefined);
});

test('a kind named like an Object member (a legal CRD kind) has no pod spec', () => {
  for (const kind of ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__']) {
    assert.equal(podSpecPath(kind), undefined, kind);
    assert.equal(podSpecOf(workload(kind, { spec: { template: { spec: { containers: [] } } } })), undefined, kind);
  }
});
