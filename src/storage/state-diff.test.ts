import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newVersion } from './entry.js';
import { stateDiff } from './state-diff.js';
import { configMap } from './testing.js';

const v = (key: string, revision: number, createRevision = revision) => newVersion(key, configMap(key.slice(1)), revision, createRevision);

test('stateDiff: additions and modifications in revision order, deletions last at the later revision', () => {
  const before = [v('/a', 1), v('/b', 2), v('/c', 3), v('/d', 4)];
  const after = [v('/a', 1), v('/b', 9, 2), v('/bb', 7), v('/d', 8)];
  const diff = stateDiff(before, after, 10);
  assert.deepEqual(diff.map((e) => [e.type, e.key, e.revision, e.prev?.revision]), [
    ['ADDED', '/bb', 7, undefined],
    ['MODIFIED', '/d', 8, 4],
    ['MODIFIED', '/b', 9, 2],
    ['DELETED', '/c', 10, 3],
  ]);
  assert.equal(diff[3]!.entry.object.metadata.resourceVersion, '10');
  assert.deepEqual(stateDiff(before, before, 10), []);
  assert.deepEqual(stateDiff([], after, 10).map((e) => e.type), ['ADDED', 'ADDED', 'ADDED', 'ADDED']);
});
