import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, ManagedFieldsEntry } from '../object.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { entry, liveWidget, widget, WIDGET_API_VERSION, widgetSchema } from './fixtures.js';
import { defaultManagerName, serverSideApply, trackUpdate } from './index.js';

const T0 = '2024-01-01T00:00:00Z';
const T1 = '2024-02-01T00:00:00Z';

function track(old: KubeObject | undefined, updated: KubeObject, manager: string, subresource?: string): ManagedFieldsEntry[] {
  const args = { old, updated, manager, schema: widgetSchema, apiVersion: WIDGET_API_VERSION, now: T1 };
  return trackUpdate(subresource ? { ...args, subresource } : args);
}

const summary = (entries: ManagedFieldsEntry[]) =>
  entries.map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}@${e.time ?? '-'} ${JSON.stringify(e.fieldsV1)}`);

/** The updated object a client would send: `old` with changes, managedFields carried along. */
function edited(old: KubeObject, spec: Record<string, unknown>): KubeObject {
  return { ...old, spec, metadata: { ...old.metadata } };
}

const owned = liveWidget({ size: 3, color: 'red' }, [entry('m1', 'Apply', { 'f:spec': { 'f:color': {}, 'f:size': {} } }, T0)]);

const cases: { name: string; old: KubeObject | undefined; updated: KubeObject; manager: string; subresource?: string; want: string[] }[] = [
  {
    name: 'create: everything the object sets belongs to the creator, new maps and items with "."',
    old: undefined,
    updated: widget({ size: 3, items: [{ name: 'a' }] }, { labels: { app: 'demo' } }),
    manager: 'kubectl-create',
    want: [
      `kubectl-create/Update@${T1} {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{".":{},"f:items":{".":{},"k:{\\"name\\":\\"a\\"}":{".":{},"f:name":{}}},"f:size":{}}}`,
    ],
  },
  {
    name: 'create: generateName is owned as upstream does, deletion and system fields are not',
    old: undefined,
    updated: widget({ size: 1 }, { generateName: 'w-', uid: 'u', deletionTimestamp: '2024-01-01T00:00:00Z', deletionGracePeriodSeconds: 0 }),
    manager: 'replicaset-controller',
    want: [`replicaset-controller/Update@${T1} {"f:metadata":{"f:generateName":{}},"f:spec":{".":{},"f:size":{}}}`],
  },
  {
    name: 'changing a field moves it to the updater',
    old: owned,
    updated: edited(owned, { size: 5, color: 'red' }),
    manager: 'kubectl-edit',
    want: [`m1/Apply@${T0} {"f:spec":{"f:color":{}}}`, `kubectl-edit/Update@${T1} {"f:spec":{"f:size":{}}}`],
  },
  {
    name: 'rewriting a field with the same value changes no ownership',
    old: owned,
    updated: edited(owned, { size: 3, color: 'red' }),
    manager: 'kubectl-edit',
    want: [`m1/Apply@${T0} {"f:spec":{"f:color":{},"f:size":{}}}`],
  },
  {
    name: 'a removed field leaves every manager',
    old: owned,
    updated: edited(owned, { size: 3 }),
    manager: 'kubectl-edit',
    want: [`m1/Apply@${T0} {"f:spec":{"f:size":{}}}`],
  },
  {
    name: 'an updater that changes nothing keeps its old entry and time',
    old: liveWidget({ size: 3 }, [entry('ctrl', 'Update', { 'f:spec': { 'f:size': {} } }, T0)]),
    updated: liveWidget({ size: 3 }, [entry('ctrl', 'Update', { 'f:spec': { 'f:size': {} } }, T0)]),
    manager: 'ctrl',
    want: [`ctrl/Update@${T0} {"f:spec":{"f:size":{}}}`],
  },
  {
    name: 'client-supplied managedFields replace the tracked ones (kubectl CSA->SSA migration)',
    old: liveWidget({ size: 3 }, [entry('kubectl-client-side-apply', 'Update', { 'f:spec': { '.': {}, 'f:size': {} } }, T0)]),
    updated: liveWidget({ size: 3 }, [entry('kubectl', 'Apply', { 'f:spec': { 'f:size': {} } }, T0)]),
    manager: 'kubectl-client-side-apply',
    want: [`kubectl/Apply@${T0} {"f:spec":{"f:size":{}}}`],
  },
  {
    name: 'an empty list resets managedFields; an existing untracked object then stays untracked',
    old: owned,
    updated: { ...edited(owned, { size: 9, color: 'red' }), metadata: { ...owned.metadata, managedFields: [] } },
    manager: 'kubectl-patch',
    want: [],
  },
  {
    name: 'a single empty entry resets managedFields too',
    old: owned,
    updated: { ...owned, metadata: { ...owned.metadata, managedFields: [{} as ManagedFieldsEntry] } },
    manager: 'kubectl-patch',
    want: [],
  },
  {
    name: 'managedFields the client omits are kept from the stored object',
    old: owned,
    updated: { ...edited(owned, { size: 5, color: 'red' }), metadata: { ...owned.metadata, managedFields: undefined } },
    manager: 'kubectl-replace',
    want: [`m1/Apply@${T0} {"f:spec":{"f:color":{}}}`, `kubectl-replace/Update@${T1} {"f:spec":{"f:size":{}}}`],
  },
  {
    name: 'a status write is owned by a status entry and ignores client managedFields',
    old: { ...owned, status: { phase: 'Pending' } },
    updated: { ...owned, status: { phase: 'Ready' }, metadata: { ...owned.metadata, managedFields: [] } },
    manager: 'ctrl',
    subresource: 'status',
    want: [`m1/Apply@${T0} {"f:spec":{"f:color":{},"f:size":{}}}`, `ctrl/Update/status@${T1} {"f:status":{"f:phase":{}}}`],
  },
  {
    name: 'a main-resource write does not own status',
    old: owned,
    updated: { ...owned, status: { phase: 'Ready' } },
    manager: 'kubectl-replace',
    want: [`m1/Apply@${T0} {"f:spec":{"f:color":{},"f:size":{}}}`],
  },
  {
    name: 'an existing object without managedFields stays untracked on update',
    old: liveWidget({ size: 3 }),
    updated: liveWidget({ size: 4 }),
    manager: 'kubectl-edit',
    want: [],
  },
];

for (const c of cases) {
  test(`trackUpdate: ${c.name}`, () => {
    assert.deepEqual(summary(track(c.old, c.updated, c.manager, c.subresource)), c.want);
  });
}

test('trackUpdate: Update entries beyond ten are folded, oldest first, into ancient-changes', () => {
  const entries: ManagedFieldsEntry[] = [];
  const spec: Record<string, unknown> = {};
  for (let i = 0; i < 10; i++) {
    spec[`f${i}`] = i;
    entries.push(entry(`m${i}`, 'Update', { 'f:spec': { [`f:f${i}`]: {} } }, `2024-01-${String(i + 1).padStart(2, '0')}T00:00:00Z`));
  }
  const noSchema = (old: KubeObject, updated: KubeObject) =>
    trackUpdate({ old, updated, manager: 'newcomer', schema: undefined, apiVersion: WIDGET_API_VERSION, now: T1 });
  const old = liveWidget(spec, entries);
  const out = noSchema(old, edited(old, { ...spec, extra: true }));
  assert.equal(out.length, 10);
  const ancient = out.find((e) => e.manager === 'ancient-changes');
  assert.ok(ancient);
  assert.equal(JSON.stringify(ancient.fieldsV1), JSON.stringify({ 'f:spec': { 'f:f0': {}, 'f:f1': {} } }));
  assert.ok(!out.some((e) => e.manager === 'm0' || e.manager === 'm1'));
  assert.ok(out.some((e) => e.manager === 'newcomer'));
});

test('docs example: an Update takes data.key from the applier (Server-Side Apply docs, multiple managers)', () => {
  const configMapSchema: JSONSchemaProps = { type: 'object', properties: { data: { type: 'object', additionalProperties: { type: 'string' } } } };
  const cm = (value: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'test-cm', namespace: 'default', labels: { 'test-label': 'test' } },
    data: { key: value },
  });
  const applied = serverSideApply({ live: undefined, applied: cm('some value'), manager: 'kubectl', force: false, schema: configMapSchema, apiVersion: 'v1', now: T0 });
  assert.equal(
    JSON.stringify(applied.metadata.managedFields?.[0]?.fieldsV1),
    JSON.stringify({ 'f:data': { 'f:key': {} }, 'f:metadata': { 'f:labels': { 'f:test-label': {} } } }),
  );
  const stored = { ...applied, metadata: { ...applied.metadata, uid: 'u1' } };
  const updated = { ...stored, data: { key: 'new value' } };
  const out = trackUpdate({ old: stored, updated, manager: 'kube-controller-manager', schema: configMapSchema, apiVersion: 'v1', now: T1 });
  assert.deepEqual(out, [
    { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:test-label': {} } } } },
    { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: T1, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:key': {} } } },
  ]);
});

test('trackUpdate: stored managed fields that cannot be read are dropped when the write reaches them, kept as they were when it does not', () => {
  // A stored entry with a malformed node under spec.items (as a damaged file could hold).
  const damaged = entry('m1', 'Update', { 'f:spec': { 'f:items': { 'k:{name}': {} }, 'f:size': {} } }, T0);
  const old = liveWidget({ size: 3, items: [{ name: 'a' }] }, [damaged]);
  // Changing spec.size reaches m1's set, which cannot be read: the object loses its managed fields, as when no entry decodes.
  assert.deepEqual(track(old, edited(old, { size: 4, items: [{ name: 'a' }] }), 'kubectl-edit'), []);
  // A status write never reads m1's spec: m1 keeps its entry byte for byte and the writer gains status.
  const status = track(old, { ...old, metadata: { ...old.metadata }, status: { ready: true } }, 'widget-controller', 'status');
  assert.deepEqual(summary(status), [
    `m1/Update@${T0} {"f:spec":{"f:items":{"k:{name}":{}},"f:size":{}}}`,
    `widget-controller/Update/status@${T1} {"f:status":{".":{},"f:ready":{}}}`,
  ]);
});

test('server-side apply reaching stored managed fields that cannot be read answers an internal error naming them', () => {
  const old = liveWidget({ size: 3, items: [{ name: 'a' }] }, [entry('m1', 'Update', { 'f:spec': { 'f:items': { 'k:{name}': {} }, 'f:size': {} } }, T0)]);
  const applying = (spec: Record<string, unknown>) => () =>
    serverSideApply({ live: old, applied: widget(spec), manager: 'kubectl', force: false, schema: widgetSchema, apiVersion: WIDGET_API_VERSION, now: T1 });
  assert.throws(applying({ size: 3, items: [{ name: 'b' }] }), (err: { code?: number; message?: string }) => err.code === 500 && /failed to decode managed fields/.test(err.message ?? ''));
  // One that reaches only the readable part is answered as usual.
  assert.throws(applying({ size: 5 }), /conflict with "m1" using example.com\/v1: .spec.size/);
});

test('defaultManagerName takes the user agent up to the first slash', () => {
  const cases: [string | undefined, string][] = [
    ['kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9', 'kubectl'],
    ['node-fetch', 'node-fetch'],
    ['kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/abc/system:serviceaccount:kube-system:deployment-controller', 'kube-controller-manager'],
    ['', 'unknown'],
    [undefined, 'unknown'],
    ['/v1', 'unknown'],
    ['tab\there/1', 'tabhere'],
    ['x'.repeat(200), 'x'.repeat(128)],
  ];
  for (const [ua, want] of cases) assert.equal(defaultManagerName(ua), want, String(ua));
});
