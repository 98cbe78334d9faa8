import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupResourceOfKey, resourcePrefixOfKey } from './key-layout.js';

test('a key names its group (core as the empty group) and resource', () => {
  assert.deepEqual(groupResourceOfKey('/core/configmaps/default/settings'), { group: '', resource: 'configmaps' });
  assert.deepEqual(groupResourceOfKey('/apps/deployments/web/frontend'), { group: 'apps', resource: 'deployments' });
  assert.deepEqual(groupResourceOfKey('/cluster.kurator.dev/clusters/edge-1'), { group: 'cluster.kurator.dev', resource: 'clusters' });
});

test('a key of another shape names no resource', () => {
  for (const key of ['', 'core/configmaps/a', '/core', '/core/configmaps']) assert.equal(groupResourceOfKey(key), undefined, key);
});

test('the resource prefix of a key is what lists of that resource read', () => {
  assert.equal(resourcePrefixOfKey('/core/configmaps/default/settings'), '/core/configmaps/');
  assert.equal(resourcePrefixOfKey('/core/namespaces/default'), '/core/namespaces/');
});
