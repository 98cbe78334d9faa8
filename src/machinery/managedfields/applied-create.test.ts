import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors.js';
import type { KubeObject } from '../object.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { runApply } from './field-manager.js';
import { deployment, deploymentSchema, randomJson, widget, WIDGET_API_VERSION, widgetSchema } from './fixtures.js';
import { TypedValueError } from './list-items.js';
import { emptyManaged, encodeManagedFields } from './managers.js';
import { operationContext, SYSTEM_METADATA } from './operation.js';
import { serverSideApply } from './apply.js';
import { toFieldSet } from './to-field-set.js';

const NOW = '2024-03-01T00:00:00Z';

/**
 * The general apply path for a create: merge into nothing, then the ownership algebra. The object as
 * JSON with its managedFields, or the message of the error the configuration makes.
 */
function viaAlgebra(applied: KubeObject, schema: JSONSchemaProps | undefined, manager: string): string {
  const ctx = operationContext(schema, WIDGET_API_VERSION, NOW, undefined);
  const config: KubeObject = { ...applied };
  if (applied.metadata) {
    const metadata: Record<string, unknown> = { ...applied.metadata };
    for (const key of SYSTEM_METADATA) delete metadata[key];
    config.metadata = metadata as KubeObject['metadata'];
  }
  try {
    const outcome = runApply({}, { object: config, set: toFieldSet(config, ctx.type, false) }, emptyManaged(), manager, false, ctx);
    const object = outcome.object as KubeObject;
    const entries = encodeManagedFields(outcome.managed);
    if (entries.length > 0) object.metadata = { ...object.metadata, managedFields: entries };
    return JSON.stringify(object);
  } catch (err) {
    if (err instanceof TypedValueError) return `error: ${err.message}`;
    throw err;
  }
}

function viaServerSideApply(applied: KubeObject, schema: JSONSchemaProps | undefined, manager: string): string {
  const before = JSON.stringify(applied);
  try {
    return JSON.stringify(serverSideApply({ live: undefined, applied, manager, force: false, schema, apiVersion: WIDGET_API_VERSION, now: NOW }));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    // The general path's wording, after the object it names.
    return `error: ${err.message.replace(/^failed to create typed patch object \([^)]*\): /, '')}`;
  } finally {
    assert.equal(JSON.stringify(applied), before, 'the configuration is not modified');
  }
}

function assertSame(applied: KubeObject, schema: JSONSchemaProps | undefined, manager = 'kubectl'): void {
  assert.equal(viaServerSideApply(applied, schema, manager), viaAlgebra(applied, schema, manager), JSON.stringify(applied));
}

test('an apply that creates: the same object and managedFields as the general apply path, for configurations of every shape', () => {
  const cases: [KubeObject, JSONSchemaProps | undefined][] = [
    [widget({ size: 3, items: [{ name: 'a' }] }, { labels: { app: 'demo' } }), widgetSchema],
    [widget({ size: 1 }, { generateName: 'w-', uid: 'u', resourceVersion: '3', generation: 2, selfLink: '/x', clusterName: { odd: 'map' } }), widgetSchema],
    [widget({ items: [{ name: 'b', value: 'x' }, { name: 'a', weight: 2 }], tags: ['z', 'a', 'm'], blob: [{ a: '1' }] }), widgetSchema],
    [widget({ config: { nested: { deep: [1, 2, { x: null }] }, empty: {}, list: [], nothing: null } }), widgetSchema],
    [widget({ color: 'red', size: null, items: [], tags: null, config: null }), widgetSchema],
    [{ ...widget({ size: 1 }), status: { phase: 'Ready', ready: 1 } }, widgetSchema],
    [widget({}), widgetSchema],
    [{ apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata: { name: 'only-name' } } as KubeObject, widgetSchema],
    [{ apiVersion: WIDGET_API_VERSION, kind: 'Widget', metadata: { name: 'w' }, spec: 'not-a-map' } as unknown as KubeObject, widgetSchema],
    [widget({ unknownTopLevel: 1 }, { annotations: { b: '2', a: '1', 'ü': 'x', Z: 'y' }, finalizers: ['x', 'a'], ownerReferences: [{ uid: '2', kind: 'K', name: 'n' }, { uid: '1' }] }), widgetSchema],
    [deployment([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }], env: [{ name: 'A', value: '1' }], args: ['-v'] }], 3), deploymentSchema],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', labels: {} }, data: { k: 'v', a: '1', '10': 'x', '9': 'y' } } as KubeObject, undefined],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} } as KubeObject, undefined],
    // Configurations the field manager refuses: the general path's error.
    [widget({ items: [{ name: 'a' }, { name: 'a', value: 'again' }] }), widgetSchema],
    [widget({ items: [{ value: 'no key' }] }), widgetSchema],
    [widget({ tags: ['a', 'a'] }), widgetSchema],
  ];
  for (const [object, schema] of cases) assertSame(object, schema);
  assertSame(widget({ size: 1 }), widgetSchema, '');
});

test('an apply that creates refuses a repeated list key, naming the object and the list as kube-apiserver does', () => {
  const applied = widget({ items: [{ name: 'a' }, { name: 'a' }] });
  assert.throws(
    () => serverSideApply({ live: undefined, applied, manager: 'kubectl', force: false, schema: widgetSchema, apiVersion: WIDGET_API_VERSION, now: NOW }),
    (err: unknown) => err instanceof ApiError && /^failed to create typed patch object \(default\/w1; example\.com\/v1, Kind=Widget\): \.spec\.items: duplicate entries for key \[name="a"\]$/.test(err.message),
  );
});

test('random configurations: the apply-create path and the general path agree', () => {
  const names = ['a', 'b', 'name', 'value', 'weight', 'x', 'Z', 'é'];
  const { random, value } = randomJson(7, names, ['name', 'value']);
  for (let i = 0; i < 400; i++) {
    const spec = { size: value(2), items: value(1), tags: value(2), blob: value(2), config: value(0), [names[random(names.length)]!]: value(1) };
    const object = widget(spec, { labels: value(1), finalizers: value(2), [names[random(names.length)]!]: value(1) });
    if (random(2) === 0) (object as Record<string, unknown>)['status'] = value(0);
    assertSame(object, random(3) === 0 ? undefined : widgetSchema);
  }
});
