import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultProfile, parseProfile, ProfileError } from './profile.js';

test('the default profile gives each cluster distinct placement labels', () => {
  const profile = defaultProfile(3, 2);
  assert.deepEqual(profile.clusters.map((c) => c.name), ['member1', 'member2', 'member3']);
  assert.equal(new Set(profile.clusters.map((c) => c.labels.region)).size, 3);
  assert.equal(profile.clusters[0]!.nodes, 2);
  assert.deepEqual(profile.clusters[0]!.capacity, { cpu: '8', memory: '32Gi', pods: '110' });
});

test('a profile overrides defaults per cluster and expands counts', () => {
  const profile = parseProfile(
    `
defaults:
  nodes: 3
  capacity: {cpu: "16"}
  requestRate: 20
clusters:
- name: gpu
  labels: {region: us-east-1, accelerator: nvidia}
  capacity: {nvidia.com/gpu: 4}
  taints: [{key: nvidia.com/gpu, effect: NoSchedule}]
- name: edge
  count: 2
  nodes: 1
  labels: {environment: edge}
`,
    5,
  );
  assert.deepEqual(profile.clusters.map((c) => c.name), ['gpu', 'edge-1', 'edge-2']);
  const gpu = profile.clusters[0]!;
  assert.deepEqual(gpu.capacity, { cpu: '16', memory: '32Gi', pods: '110', 'nvidia.com/gpu': '4' });
  assert.deepEqual(gpu.taints, [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }]);
  assert.equal(gpu.nodes, 3);
  assert.equal(gpu.requestRate, 20);
  assert.equal(profile.clusters[1]!.nodes, 1);
});

test('profile mistakes are reported with where and how to fix them', () => {
  const cases: [string, RegExp][] = [
    ['clusters: []', /non-empty "clusters" list/],
    ['clusters: [{name: Bad_Name}]', /clusters\[0\]\.name must be a lowercase DNS label/],
    ['clusters: [{name: a, capacity: {cpu: lots}}]', /clusters\[0\]\.capacity\.cpu: "lots" is not a quantity/],
    ['clusters: [{name: a, taints: [{key: k, effect: Sometimes}]}]', /clusters\[0\]\.taints\[0\] needs a key and an effect/],
    ['clusters: [{name: a}, {name: a}]', /cluster a appears twice/],
    ['clusters: [', /not valid YAML/],
  ];
  for (const [text, message] of cases) assert.throws(() => parseProfile(text, 1), (e: Error) => e instanceof ProfileError && message.test(e.message), text);
});
