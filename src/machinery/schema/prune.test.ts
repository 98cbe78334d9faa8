import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pruneUnknownFields } from './prune.js';
import { widgetSchema } from './testdata.js';
import type { JSONSchemaProps } from './types.js';

const cases: { name: string; value: unknown; schema?: JSONSchemaProps; root?: boolean; want: unknown; removed: string[] }[] = [
  {
    name: 'keeps type meta and root metadata untouched',
    value: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', bogus: 1 }, spec: { size: 1 } },
    want: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', bogus: 1 }, spec: { size: 1 } },
    removed: [],
  },
  {
    name: 'removes unknown fields at every level, sorted',
    value: { spec: { size: 1, zeta: 1, ports: [{ name: 'a', bogus: true }], containers: [{ name: 'c', env: [{ name: 'A', x: 1 }] }] }, alpha: {} },
    want: { spec: { size: 1, ports: [{ name: 'a' }], containers: [{ name: 'c', env: [{ name: 'A' }] }] } },
    removed: ['alpha', 'spec.containers[0].env[0].x', 'spec.ports[0].bogus', 'spec.zeta'],
  },
  {
    name: 'additionalProperties keep any key',
    value: { spec: { labels: { anything: 'x', else: 'y' } } },
    want: { spec: { labels: { anything: 'x', else: 'y' } } },
    removed: [],
  },
  {
    name: 'preserve-unknown-fields keeps unknown fields but prunes inside known ones',
    value: { spec: { extra: { free: { form: [1, { deep: true }] }, known: { a: 1, b: 2 } } } },
    want: { spec: { extra: { free: { form: [1, { deep: true }] }, known: { a: 1 } } } },
    removed: ['spec.extra.known.b'],
  },
  {
    name: 'embedded resource keeps type meta and prunes metadata to ObjectMeta',
    value: {
      spec: {
        workload: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'd', labels: { a: 'b' }, bogus: 1, ownerReferences: [{ name: 'o', extra: 1 }], creationTimestamp: null },
          spec: { replicas: 2, paused: true },
          status: {},
        },
      },
    },
    want: { spec: { workload: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { a: 'b' }, ownerReferences: [{ name: 'o' }] }, spec: { replicas: 2 } } } },
    removed: ['spec.workload.spec.paused', 'spec.workload.status', 'spec.workload.metadata.bogus', 'spec.workload.metadata.ownerReferences[0].extra'],
  },
  {
    name: 'embedded resource with preserve-unknown-fields still prunes its metadata',
    value: { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', junk: true }, spec: { containers: [] } } } },
    want: { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } } } },
    removed: ['spec.template.metadata.junk'],
  },
  {
    name: 'not a resource root: type meta is pruned silently at the top',
    value: { apiVersion: 'v1', a: 1, b: 2 },
    schema: { type: 'object', properties: { a: { type: 'integer' } } },
    root: false,
    want: { a: 1 },
    removed: ['b'],
  },
  {
    name: 'unknown fields inside list-map items',
    value: { spec: { size: 1, ports: [{ name: 'x' }] }, status: { conditions: [{ type: 'A', extra: { x: 1 } }] } },
    want: { spec: { size: 1, ports: [{ name: 'x' }] }, status: { conditions: [{ type: 'A' }] } },
    removed: ['status.conditions[0].extra'],
  },
  {
    name: 'an object schema without properties empties the object',
    value: { o: { a: 1, b: { c: 1 } }, list: [{ x: 1 }] },
    schema: { type: 'object', properties: { o: { type: 'object' }, list: { type: 'array' } } },
    want: { o: {}, list: [{}] },
    removed: ['list[0].x', 'o.a', 'o.b'],
  },
  {
    name: 'additionalProperties: true keeps keys but prunes nested objects (as upstream)',
    value: { m: { a: 1, b: { c: 2 } } },
    schema: { type: 'object', properties: { m: { type: 'object', additionalProperties: true } } },
    want: { m: { a: 1, b: {} } },
    removed: ['m.b.c'],
  },
  {
    name: 'map keys inside reported paths use dots',
    value: { m: { key1: { keep: 1, drop: 2 } } },
    schema: { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'object', properties: { keep: { type: 'integer' } } } } } },
    want: { m: { key1: { keep: 1 } } },
    removed: ['m.key1.drop'],
  },
  {
    name: "embedded resources under map keys and list items name their metadata's unknown fields as field.Path does",
    value: {
      byName: { web: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', junk: 1 }, extra: true } },
      list: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q', other: 2 } }],
    },
    schema: {
      type: 'object',
      properties: {
        byName: { type: 'object', additionalProperties: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: {} } },
        list: { type: 'array', items: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: {} } },
      },
    },
    root: false,
    want: { byName: { web: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } }, list: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' } }] },
    removed: ['byName.web.extra', 'byName[web].metadata.junk', 'list[0].metadata.other'],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const removed = pruneUnknownFields(c.value, c.schema ?? widgetSchema, { isResourceRoot: c.root ?? true });
    assert.deepEqual(c.value, c.want);
    assert.deepEqual(removed, c.removed);
  });
}

test('pruning twice is a no-op', () => {
  const value = { spec: { size: 1, x: 1, ports: [{ name: 'a', y: 2 }] } };
  pruneUnknownFields(value, widgetSchema, { isResourceRoot: true });
  const again = structuredClone(value);
  assert.deepEqual(pruneUnknownFields(again, widgetSchema, { isResourceRoot: true }), []);
  assert.deepEqual(again, value);
});
