import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinKinds } from '../api/builtin/index.js';
import { KindRegistry } from '../apiserver/registry/kind-registry.js';
import { apiVersionOf, resources, resourceTypeOf } from './resources.js';

test('every ResourceType constant names a served built-in with the same kind and scope', () => {
  const registry = new KindRegistry(builtinKinds);
  for (const [name, type] of Object.entries(resources)) {
    const served = registry.resolve(type.group, type.version, type.resource);
    assert.ok(served, `${name}: ${apiVersionOf(type)} ${type.resource} is not served`);
    assert.equal(served.definition.kind, type.kind, name);
    assert.equal(served.definition.namespaced, type.namespaced, name);
  }
});

test('resourceTypeOf and apiVersionOf', () => {
  const widgets = resourceTypeOf('example.com', 'v1alpha1', 'widgets', 'Widget', true);
  assert.deepEqual(widgets, { group: 'example.com', version: 'v1alpha1', resource: 'widgets', kind: 'Widget', namespaced: true });
  assert.equal(apiVersionOf(widgets), 'example.com/v1alpha1');
  assert.equal(apiVersionOf(resources.pods), 'v1');
});
