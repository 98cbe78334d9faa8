import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, ManagedFieldsEntry } from '../object.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { deployment, deploymentSchema, randomJson, widget, WIDGET_API_VERSION, widgetSchema } from './fixtures.js';
import { runUpdate } from './field-manager.js';
import { TypedValueError } from './list-items.js';
import { emptyManaged, encodeManagedFields } from './managers.js';
import { operationContext, viewWithoutManagedFields } from './operation.js';
import { trackUpdate } from './track.js';

const NOW = '2024-03-01T00:00:00Z';

/** The general update path for a create: compare against nothing, then the ownership algebra. */
function viaAlgebra(object: KubeObject, schema: JSONSchemaProps | undefined, manager: string): ManagedFieldsEntry[] {
  const ctx = operationContext(schema, WIDGET_API_VERSION, NOW, undefined);
  try {
    return encodeManagedFields(runUpdate({}, viewWithoutManagedFields(object), emptyManaged(), manager, ctx));
  } catch (err) {
    if (err instanceof TypedValueError) return [];
    throw err;
  }
}

function viaCreate(object: KubeObject, schema: JSONSchemaProps | undefined, manager: string): ManagedFieldsEntry[] {
  return trackUpdate({ old: undefined, updated: object, manager, schema, apiVersion: WIDGET_API_VERSION, now: NOW });
}

/** Same entries, same key order at every level (the stored JSON is what clients see). */
function assertSame(object: KubeObject, schema: JSONSchemaProps | undefined, manager = 'kubectl-create'): void {
  assert.equal(JSON.stringify(viaCreate(object, schema, manager)), JSON.stringify(viaAlgebra(object, schema, manager)), JSON.stringify(object));
}

const configMap = (data: unknown, meta: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', ...meta }, data }) as KubeObject;

test('a create owns what the general update path gives it, for objects of every shape', () => {
  const cases: [KubeObject, JSONSchemaProps | undefined][] = [
    [widget({ size: 3, items: [{ name: 'a' }] }, { labels: { app: 'demo' } }), widgetSchema],
    [widget({ size: 1 }, { generateName: 'w-', uid: 'u', deletionTimestamp: '2024-01-01T00:00:00Z', deletionGracePeriodSeconds: 0, resourceVersion: '3', generation: 2 }), widgetSchema],
    [widget({ items: [{ name: 'b', value: 'x' }, { name: 'a', weight: 2 }, { name: 'b', value: 'y' }], tags: ['z', 'a', 'a', 'm'], blob: [{ a: '1' }] }), widgetSchema],
    [widget({ config: { nested: { deep: [1, 2, { x: null }] }, empty: {}, list: [], nothing: null } }), widgetSchema],
    [widget({ color: 'red', size: null, items: [], tags: null }), widgetSchema],
    [{ ...widget({ size: 1 }), status: { phase: 'Ready', ready: 1 } }, widgetSchema],
    [widget({}), widgetSchema],
    [{ apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata: { name: 'only-name' } } as KubeObject, widgetSchema],
    [{ apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata: null, spec: 'not-a-map' } as unknown as KubeObject, widgetSchema],
    [widget({ items: [{ value: 'no key' }] }), widgetSchema], // an item without its key: nothing is tracked
    [widget({ unknownTopLevel: 1 }, { annotations: { b: '2', a: '1', 'ü': 'x', Z: 'y' }, finalizers: ['x', 'x', 'a'], ownerReferences: [{ uid: '2', kind: 'K', name: 'n' }, { uid: '1' }] }), widgetSchema],
    [deployment([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }], env: [{ name: 'A', value: '1' }], args: ['-v'] }], 3), deploymentSchema],
    [deployment([{ name: 'b' }, { name: 'a', ports: [{ containerPort: 1, protocol: 'TCP' }, { containerPort: 1 }] }]), deploymentSchema],
    [configMap({ k: 'v', a: '1', 'Ä': '2', '10': 'x', '9': 'y' }, { labels: { app: 'demo' } }), undefined],
    [configMap({}), undefined],
    [configMap(undefined, { managedFields: [] }), undefined],
  ];
  for (const [object, schema] of cases) assertSame(object, schema);
  assertSame(configMap({ a: '1' }), undefined, '');
});

test('a create that sends managed fields of its own keeps the entries it did not overwrite', () => {
  const sent = configMap({ a: '1' }, { managedFields: [{ manager: 'other', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:b': {} } } }] });
  const entries = viaCreate(sent, undefined, 'kubectl-create');
  assert.deepEqual(
    entries.map((e) => `${e.manager} ${JSON.stringify(e.fieldsV1)}`),
    ['other {"f:data":{"f:b":{}}}', 'kubectl-create {"f:data":{".":{},"f:a":{}}}'],
  );
});

test('random objects: the create fast path and the algebra agree', () => {
  const names = ['a', 'b', 'name', 'value', 'weight', 'x', 'Z', 'é'];
  const { random, value } = randomJson(42, names, ['name', 'value']);
  for (let i = 0; i < 300; i++) {
    const spec = { size: value(2), items: value(1), tags: value(2), blob: value(2), config: value(0), [names[random(names.length)]!]: value(1) };
    const object = widget(spec, { labels: value(1), finalizers: value(2) });
    if (random(2) === 0) (object as Record<string, unknown>)['status'] = value(0);
    assertSame(object, random(3) === 0 ? undefined : widgetSchema);
  }
});
