import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { pruneGeneratedFields } from './member-prune.js';

const UID = { 'batch.kubernetes.io/controller-uid': 'u1', 'controller-uid': 'u1' };
const job = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec });

test("a Job's generated selector and labels and its ttl are left out; the template is not modified", () => {
  const template = { metadata: { labels: { app: 'a', ...UID, 'job-name': 'j', 'batch.kubernetes.io/job-name': 'j' } }, spec: { containers: [] } };
  const original = job({ ttlSecondsAfterFinished: 60, selector: { matchLabels: { ...UID } }, template, parallelism: 2 });
  const before = JSON.stringify(original);
  const pruned = pruneGeneratedFields(original);
  assert.deepEqual(pruned.spec, { parallelism: 2, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [] } } });
  assert.equal(JSON.stringify(original), before, 'the hub object is untouched');
  assert.equal((pruned.spec as { template: { spec: unknown } }).template.spec, template.spec, 'unchanged parts are shared');
});

test("a Job with manualSelector keeps its selector and labels; other selector terms stay", () => {
  const manual = job({ manualSelector: true, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } } } });
  assert.deepEqual(pruneGeneratedFields(manual).spec, manual.spec);
  const mixed = pruneGeneratedFields(job({ selector: { matchLabels: { ...UID, team: 'x' }, matchExpressions: [{ key: 'k', operator: 'Exists' }] }, template: {} }));
  assert.deepEqual(mixed.spec, { selector: { matchExpressions: [{ key: 'k', operator: 'Exists' }], matchLabels: { team: 'x' } }, template: {} });
});

test("a Service's cluster IPs are left out, a headless Service's None kept; other kinds pass through", () => {
  const service = (clusterIP: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP, clusterIPs: [clusterIP], ports: [{ port: 80 }] } });
  assert.deepEqual(pruneGeneratedFields(service('10.96.0.9')).spec, { ports: [{ port: 80 }] });
  const headless = service('None');
  assert.equal(pruneGeneratedFields(headless), headless);
  const deployment: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { 'controller-uid': 'x' } } } };
  assert.equal(pruneGeneratedFields(deployment), deployment);
});
