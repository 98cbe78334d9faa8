import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shallowCopy, shallowCopyWithout } from './object.js';

test('a shallow copy has the same own keys in the same order, sharing the values', () => {
  const labels = { app: 'web' };
  const source = { name: 'a', namespace: 'default', labels };
  const copy = shallowCopy(source);
  assert.notEqual(copy, source);
  assert.deepEqual(Object.keys(copy), ['name', 'namespace', 'labels']);
  assert.equal(copy.labels, labels);
  (copy as Record<string, unknown>).uid = 'u-1';
  assert.equal(JSON.stringify(copy), '{"name":"a","namespace":"default","labels":{"app":"web"},"uid":"u-1"}');
  assert.equal('uid' in source, false);
});

test('a key __proto__ from parsed JSON stays an own key of the copy, never its prototype', () => {
  const parsed = JSON.parse('{"name":"a","__proto__":{"deletionTimestamp":"2026-01-01T00:00:00Z"}}') as Record<string, unknown>;
  for (const copy of [shallowCopy(parsed), shallowCopyWithout(parsed, ['name'])]) {
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal((copy as { deletionTimestamp?: string }).deletionTimestamp, undefined);
    assert.ok(Object.keys(copy).includes('__proto__'));
  }
  assert.equal(JSON.stringify(shallowCopy(parsed)), JSON.stringify(parsed));
});

test('a copy without some keys keeps the others in order and leaves the source whole', () => {
  const source = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } };
  const copy = shallowCopyWithout(source, ['metadata', 'kind']);
  assert.deepEqual(Object.keys(copy), ['apiVersion', 'data']);
  assert.equal(copy.data, source.data);
  assert.deepEqual(Object.keys(source), ['apiVersion', 'kind', 'metadata', 'data']);
});
