import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameLabel, sampleCounts } from './cpu-profile.js';
import { tinyProfile } from './cpu-profile.fixture.js';

const labelsOf = (counts: Map<number, number>): Record<string, number> => {
  const byId = new Map(tinyProfile().nodes.map((n) => [n.id, n]));
  return Object.fromEntries([...counts].map(([id, count]) => [frameLabel(byId.get(id)!), count]));
};

test('frame labels name the function and its file and line after dist/', () => {
  const [, , , main, , b] = tinyProfile().nodes;
  assert.equal(frameLabel(main!), 'main dist/src/main.js:1');
  assert.equal(frameLabel(b!), 'b<&>;c node:internal/b:5');
});

test('every sample counts by default; busyOnly leaves the idle ones out', () => {
  assert.deepEqual(labelsOf(sampleCounts(tinyProfile())), { '(idle)': 4, 'main dist/src/main.js:1': 1, 'a dist/src/a.js:10': 3, 'b<&>;c node:internal/b:5': 1, '(program)': 1, '(garbage collector)': 1 });
  assert.deepEqual(labelsOf(sampleCounts(tinyProfile(), { busyOnly: true })), { 'main dist/src/main.js:1': 1, 'a dist/src/a.js:10': 3, 'b<&>;c node:internal/b:5': 1, '(program)': 1, '(garbage collector)': 1 });
});

test('a window starts after a fraction of the busy samples, idle ones before it left out too', () => {
  // 7 busy samples: from 0.5 skips the first 3 (main, a, a) and the idle samples up to the next busy one.
  assert.deepEqual(labelsOf(sampleCounts(tinyProfile(), { from: 0.5 })), { '(idle)': 1, 'b<&>;c node:internal/b:5': 1, 'a dist/src/a.js:10': 1, '(program)': 1, '(garbage collector)': 1 });
  assert.deepEqual(labelsOf(sampleCounts(tinyProfile(), { from: 0.5, busyOnly: true })), { 'b<&>;c node:internal/b:5': 1, 'a dist/src/a.js:10': 1, '(program)': 1, '(garbage collector)': 1 });
});
