import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, ManagedFieldsEntry } from '../object.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { appearedOnlyUpdate } from './appeared-update.js';
import { runUpdate } from './field-manager.js';
import { FieldsV1Error } from './fieldsv1.js';
import { entry, liveWidget, randomJson, WIDGET_API_VERSION, widgetSchema } from './fixtures.js';
import { TypedValueError } from './list-items.js';
import { decodeManagedFields, encodeManagedFields } from './managers.js';
import { operationContext, viewWithoutManagedFields } from './operation.js';
import { trackUpdate } from './track.js';

const NOW = '2024-03-01T00:00:00Z';

/** Conditions keyed by type, as every status with conditions has them. */
const statusSchema: JSONSchemaProps = {
  ...widgetSchema,
  properties: {
    ...widgetSchema.properties,
    status: {
      type: 'object',
      properties: {
        phase: { type: 'string' },
        conditions: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['type'],
          items: { type: 'object', properties: { type: { type: 'string' }, status: { type: 'string' }, message: { type: 'string' } } },
        },
        manifestStatuses: { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      },
    },
  },
};

interface Write {
  old: KubeObject;
  updated: KubeObject;
  manager: string;
  schema: JSONSchemaProps | undefined;
  subresource?: string;
}

/** The general path: the whole objects compared and the ownership algebra run on the stored entries. */
function viaAlgebra(w: Write): ManagedFieldsEntry[] {
  const ctx = operationContext(w.schema, WIDGET_API_VERSION, NOW, w.subresource);
  try {
    return encodeManagedFields(runUpdate(viewWithoutManagedFields(w.old), viewWithoutManagedFields(w.updated), decodeManagedFields(w.old.metadata.managedFields, true), w.manager, ctx));
  } catch (err) {
    // What trackUpdate answers for an existing object: no tracking for what cannot be typed or read.
    if (err instanceof TypedValueError || err instanceof FieldsV1Error) return [];
    throw err;
  }
}

function viaTracking(w: Write): ManagedFieldsEntry[] {
  const args: Parameters<typeof trackUpdate>[0] = { old: w.old, updated: w.updated, manager: w.manager, schema: w.schema, apiVersion: WIDGET_API_VERSION, now: NOW };
  if (w.subresource) args.subresource = w.subresource;
  return trackUpdate(args);
}

function tookFastPath(w: Write): boolean {
  const ctx = operationContext(w.schema, WIDGET_API_VERSION, NOW, w.subresource);
  const managed = decodeManagedFields(w.old.metadata.managedFields, true);
  return appearedOnlyUpdate(viewWithoutManagedFields(w.old), viewWithoutManagedFields(w.updated), managed, w.manager, ctx) !== undefined;
}

/** Same entries, same key order at every level (the stored JSON is what clients see). */
function assertSame(w: Write): void {
  assert.equal(JSON.stringify(viaTracking(w)), JSON.stringify(viaAlgebra(w)), JSON.stringify(w.updated));
}

const CREATOR = entry('creator', 'Update', { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { '.': {}, 'f:size': {} } });

/** A write as the REST layer builds it: the stored object with a status, everything else shared (subresource '': the main resource). */
function statusWrite(old: KubeObject, status: unknown, manager = 'status-writer', subresource = 'status', schema: JSONSchemaProps | undefined = statusSchema): Write {
  return { old, updated: { ...old, metadata: { ...old.metadata }, status } as KubeObject, manager, schema, ...(subresource ? { subresource } : {}) };
}

test("an object's first status write: its writer owns what appeared, in one walk, as the general path says", () => {
  const old = liveWidget({ size: 1 }, [CREATOR], { labels: { app: 'demo' } });
  const status = { phase: 'Ready', conditions: [{ type: 'Applied', status: 'True', message: 'ok' }, { type: 'Dispatching', status: 'True' }], manifestStatuses: [{ identifier: { ordinal: 0 }, health: 'Healthy' }] };
  const write = statusWrite(old, status);
  assert.equal(tookFastPath(write), true);
  assertSame(write);
  assert.deepEqual(
    viaTracking(write).map((e) => [e.manager, e.subresource, JSON.stringify(e.fieldsV1)]),
    [
      ['creator', undefined, JSON.stringify(CREATOR.fieldsV1)],
      ['status-writer', 'status', '{"f:status":{".":{},"f:conditions":{".":{},"k:{\\"type\\":\\"Applied\\"}":{".":{},"f:message":{},"f:status":{},"f:type":{}},"k:{\\"type\\":\\"Dispatching\\"}":{".":{},"f:status":{},"f:type":{}}},"f:manifestStatuses":{},"f:phase":{}}}'],
    ],
  );
});

test('updates the fast path leaves to the general path come out the same', () => {
  const old = liveWidget({ size: 1 }, [CREATOR], { labels: { app: 'demo' } });
  const cases: [string, Write, boolean][] = [
    ['a main-resource update adding a top-level field', { old, updated: { ...old, metadata: { ...old.metadata }, extra: { a: 1 } } as KubeObject, manager: 'm', schema: widgetSchema }, true],
    ['schema-less', statusWrite(old, { phase: 'x', list: [1, 2] }, 'm', 'status', undefined), true],
    ['an empty status', statusWrite(old, {}), true],
    ['a status that is not a map', statusWrite(old, 'Ready'), true],
    ['status through the main resource (not its to own)', statusWrite(old, { phase: 'x' }, 'm', ''), false],
    ['a label changed too', { ...statusWrite(old, { phase: 'x' }), updated: { ...old, metadata: { ...old.metadata, labels: { app: 'other' } }, status: { phase: 'x' } } as KubeObject }, false],
    ['the spec changed too', { ...statusWrite(old, { phase: 'x' }), updated: { ...old, metadata: { ...old.metadata }, spec: { size: 2 }, status: { phase: 'x' } } as KubeObject }, false],
    ['the writer wrote status before', statusWrite(liveWidget({ size: 1 }, [CREATOR, { ...entry('m', 'Update', { 'f:status': { 'f:other': {} } }), subresource: 'status' }]), { phase: 'x' }, 'm'), false],
    ['another manager owns a status field (stale)', statusWrite(liveWidget({ size: 1 }, [CREATOR, { ...entry('o', 'Update', { 'f:status': { 'f:phase': {} } }), subresource: 'status' }]), { phase: 'x' }, 'm'), false],
    ['a manager that owns nothing', statusWrite(liveWidget({ size: 1 }, [CREATOR, entry('empty', 'Apply', {})]), { phase: 'x' }), true],
    ['a condition without its key', statusWrite(old, { conditions: [{ status: 'True' }] }), false],
    ['a repeated condition', statusWrite(old, { conditions: [{ type: 'A' }, { type: 'A', status: 'x' }] }), true],
    ['unreadable stored fields', statusWrite(liveWidget({ size: 1 }, [CREATOR, entry('bad', 'Update', { 'f:spec': 'oops' } as unknown as Record<string, unknown>)]), { phase: 'x' }), false],
    ['eleven updaters: the oldest are merged', statusWrite(liveWidget({ size: 1 }, Array.from({ length: 10 }, (_, i) => entry(`u${i}`, 'Update', { [`f:f${i}`]: {} }, `2024-01-0${(i % 9) + 1}T00:00:00Z`))), { phase: 'x' }), true],
  ];
  for (const [name, write, fast] of cases) {
    assert.equal(tookFastPath(write), fast, name);
    assertSame(write);
  }
});

test('random first status writes: the fast path and the algebra agree', () => {
  const names = ['a', 'b', 'type', 'phase', 'status', 'x', 'Z', 'é'];
  const { random, value } = randomJson(7, names, ['type', 'status']);
  let fast = 0;
  for (let i = 0; i < 400; i++) {
    const status = { phase: value(2), conditions: value(1), manifestStatuses: value(1), [names[random(names.length)]!]: value(1) };
    const schema = [statusSchema, widgetSchema, undefined][random(3)];
    const write = statusWrite(liveWidget({ size: value(2) }, [CREATOR]), status, 'm', random(4) === 0 ? '' : 'status', schema);
    if (tookFastPath(write)) fast++;
    assertSame(write);
  }
  assert.ok(fast > 200, `the fast path was taken ${fast} times of 400`);
});
