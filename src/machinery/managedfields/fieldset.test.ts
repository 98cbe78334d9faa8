import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deploymentSchema, deployment, widget, widgetSchema } from './fixtures.js';
import { fieldSetFromFieldsV1, fieldSetToFieldsV1 } from './fieldsv1.js';
import { fieldSetFromObject, TypedValueError } from './index.js';
import type { JSONSchemaProps } from '../schema/types.js';

const json = (v: unknown) => JSON.stringify(v);

const fromObject: { name: string; object: unknown; schema: JSONSchemaProps | undefined; fieldsV1: Record<string, unknown> }[] = [
  {
    name: 'CRD: scalars, list-map items, set items, atomic list as one field',
    object: widget({ size: 3, color: 'red', items: [{ name: 'a', value: '1' }], tags: ['x', 'y'], blob: [{ a: '1' }] }),
    schema: widgetSchema,
    fieldsV1: {
      'f:spec': {
        'f:blob': {},
        'f:color': {},
        'f:items': { 'k:{"name":"a"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
        'f:size': {},
        'f:tags': { 'v:"x"': {}, 'v:"y"': {} },
      },
    },
  },
  {
    name: 'metadata: labels, annotations, finalizers (set), ownerReferences (by uid, atomic items); name/uid untracked',
    object: widget(
      { size: 1 },
      {
        uid: 'u',
        resourceVersion: '3',
        labels: { app: 'demo' },
        annotations: { note: 'x' },
        finalizers: ['kurator.dev/cleanup'],
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: '6a2e' }],
      },
    ),
    schema: widgetSchema,
    fieldsV1: {
      'f:metadata': {
        'f:annotations': { 'f:note': {} },
        'f:finalizers': { 'v:"kurator.dev/cleanup"': {} },
        'f:labels': { 'f:app': {} },
        'f:ownerReferences': { 'k:{"uid":"6a2e"}': {} },
      },
      'f:spec': { 'f:size': {} },
    },
  },
  {
    name: 'preserve-unknown-fields subtree is a granular map',
    object: widget({ config: { a: { b: 1 }, list: [1, 2] } }),
    schema: widgetSchema,
    fieldsV1: { 'f:spec': { 'f:config': { 'f:a': { '.': {}, 'f:b': {} }, 'f:list': {} } } },
  },
  {
    name: 'no schema: maps granular, lists atomic',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { key: 'v' }, list: [{ a: 1 }] },
    schema: undefined,
    fieldsV1: { 'f:data': { '.': {}, 'f:key': {} }, 'f:list': {} },
  },
  {
    name: 'built-in: patch-merge-key lists are list-maps, missing key field takes its default',
    object: deployment([{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }], 2),
    schema: deploymentSchema,
    fieldsV1: {
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:env': { 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    },
  },
];

for (const c of fromObject) {
  test(`fieldSetFromObject: ${c.name}`, () => {
    assert.equal(json(fieldSetToFieldsV1(fieldSetFromObject(c.object, c.schema))), json(c.fieldsV1));
  });
}

test('fieldSetFromObject: a list-map item without its key is rejected with upstream wording', () => {
  assert.throws(
    () => fieldSetFromObject(widget({ items: [{ value: '1' }] }), widgetSchema),
    (err: unknown) =>
      err instanceof TypedValueError &&
      err.message === '.spec.items: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
  );
});

const algebra: { name: string; a: unknown; b: unknown; union: unknown; intersection: unknown; difference: unknown }[] = [
  {
    name: 'disjoint leaves',
    a: { 'f:spec': { 'f:a': {} } },
    b: { 'f:spec': { 'f:b': {} } },
    union: { 'f:spec': { 'f:a': {}, 'f:b': {} } },
    intersection: {},
    difference: { 'f:spec': { 'f:a': {} } },
  },
  {
    name: 'a member and its children are different paths',
    a: { 'f:data': { '.': {}, 'f:k': {} } },
    b: { 'f:data': {} },
    union: { 'f:data': { '.': {}, 'f:k': {} } },
    intersection: { 'f:data': {} },
    difference: { 'f:data': { 'f:k': {} } },
  },
];

for (const c of algebra) {
  test(`set algebra: ${c.name}`, () => {
    const a = fieldSetFromFieldsV1(c.a);
    const b = fieldSetFromFieldsV1(c.b);
    assert.equal(json(fieldSetToFieldsV1(a.union(b))), json(c.union));
    assert.equal(json(fieldSetToFieldsV1(a.intersection(b))), json(c.intersection));
    assert.equal(json(fieldSetToFieldsV1(a.difference(b))), json(c.difference));
  });
}

test('recursiveDifference removes everything below a member', () => {
  const a = fieldSetFromFieldsV1({ 'f:spec': { 'f:a': {} }, 'f:status': { 'f:phase': {} } });
  const ignored = fieldSetFromFieldsV1({ 'f:status': {} });
  assert.equal(json(fieldSetToFieldsV1(a.difference(ignored))), json({ 'f:spec': { 'f:a': {} }, 'f:status': { 'f:phase': {} } }));
  assert.equal(json(fieldSetToFieldsV1(a.recursiveDifference(ignored))), json({ 'f:spec': { 'f:a': {} } }));
});
