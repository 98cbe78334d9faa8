import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rankPodsForDeletion } from './rs-ranking.js';
import type { Pod } from './types-core.js';

const NOW = '2026-01-01T00:10:00Z';

/** A pod on node-1, created at the same time as the others, differing only in phase and uid. */
function pod(uid: string, phase: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: uid, namespace: 'default', uid, creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { nodeName: 'node-1', containers: [] }, status: { phase } } as Pod;
}

const order = (pods: Pod[]): string[] => rankPodsForDeletion(pods, pods, NOW).map((p) => p.metadata.uid ?? '');

test('pods are deleted Pending first, then Unknown, then Running', () => {
  assert.deepEqual(order([pod('a', 'Running'), pod('b', 'Unknown'), pod('c', 'Pending')]), ['c', 'b', 'a']);
});

test('a phase outside Pending, Unknown and Running ranks as Pending, whatever its name', () => {
  for (const phase of ['Succeeded', 'constructor', '__proto__', 'toString']) {
    assert.deepEqual(order([pod('d', 'Running'), pod('c', phase), pod('b', 'Unknown'), pod('a', 'Pending')]), ['a', 'c', 'b', 'd'], phase);
  }
});
