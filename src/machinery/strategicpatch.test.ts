import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { JSONSchemaProps } from './schema/types.js';
import { applyStrategicMergePatch } from './strategicpatch.js';
import { applyMergePatch } from './mergepatch.js';
import { PatchError } from './jsonpatch.js';

const y = (text: string): unknown => parse(text);

// ---- the MergeItem type from upstream's strategicpatch tests, as a schema ----

const mergeKeyed = (items: JSONSchemaProps, strategy = 'merge'): JSONSchemaProps => ({
  type: 'array',
  items,
  'x-kubernetes-patch-strategy': strategy,
  'x-kubernetes-patch-merge-key': 'name',
});

const mergeItem: JSONSchemaProps = { type: 'object' };
mergeItem.properties = {
  name: { type: 'string' },
  value: { type: 'string' },
  other: { type: 'string' },
  mergingList: mergeKeyed(mergeItem),
  nonMergingList: { type: 'array', items: mergeItem },
  mergingIntList: { type: 'array', items: { type: 'integer' }, 'x-kubernetes-patch-strategy': 'merge' },
  nonMergingIntList: { type: 'array', items: { type: 'integer' } },
  simpleMap: { type: 'object', additionalProperties: { type: 'string' } },
  retainKeysMap: {
    type: 'object',
    'x-kubernetes-patch-strategy': 'retainKeys',
    properties: {
      name: { type: 'string' },
      value: { type: 'string' },
      other: { type: 'string' },
      simpleMap: { type: 'object', additionalProperties: { type: 'string' } },
      mergingIntList: { type: 'array', items: { type: 'integer' }, 'x-kubernetes-patch-strategy': 'merge' },
      mergingList: mergeKeyed(mergeItem),
      nonMergingList: { type: 'array', items: mergeItem },
    },
  },
  retainKeysMergingList: mergeKeyed(mergeItem, 'merge,retainKeys'),
};

interface Vector {
  name: string;
  current: string;
  patch: string;
  result?: string;
  error?: RegExp;
}

function run(vectors: Vector[], schema: JSONSchemaProps): void {
  for (const v of vectors) {
    const current = y(v.current);
    const patch = y(v.patch);
    if (v.error) {
      assert.throws(() => applyStrategicMergePatch(current, patch, schema), (err: unknown) => err instanceof PatchError && err.kind === 'invalid' && v.error!.test(err.message), v.name);
    } else {
      assert.deepEqual(applyStrategicMergePatch(current, patch, schema), y(v.result!), v.name);
    }
  }
}

test('upstream custom strategic merge patch cases', () => {
  run(
    [
      { name: 'unique scalars when merging lists', current: 'mergingIntList: [1, 2]', patch: 'mergingIntList: [2, 3]', result: 'mergingIntList: [1, 2, 3]' },
      { name: 'delete map from nested map', current: 'simpleMap: {key1: 1, key2: 1}', patch: 'simpleMap: {$patch: delete}', result: 'simpleMap: {}' },
      { name: 'delete all items from merging list', current: 'mergingList: [{name: 1}, {name: 2}]', patch: 'mergingList: [{$patch: replace}]', result: 'mergingList: []' },
      { name: 'merge empty merging lists', current: 'mergingList: []', patch: 'mergingList: []', result: 'mergingList: []' },
      { name: 'delete all keys from map', current: '{name: 1, value: 1}', patch: '{$patch: replace}', result: '{}' },
      { name: 'add key and delete all keys from map', current: '{name: 1, value: 1}', patch: '{other: a, $patch: replace}', result: '{other: a}' },
      {
        name: 'a delete directive removes every entry with that merge key',
        current: 'mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3}, {name: 3}]',
        patch: 'mergingList: [{name: 1, $patch: delete}, {name: 3, $patch: delete}]',
        result: 'mergingList: [{name: 2, value: a}]',
      },
      { name: 'retainKeys map can add a field when no retainKeys directive present', current: 'retainKeysMap: {name: foo}', patch: 'retainKeysMap: {value: bar}', result: 'retainKeysMap: {name: foo, value: bar}' },
      { name: 'retainKeys map can change a field when no retainKeys directive present', current: 'retainKeysMap: {name: foo, value: a}', patch: 'retainKeysMap: {value: b}', result: 'retainKeysMap: {name: foo, value: b}' },
      { name: 'retainKeys map can delete a field when no retainKeys directive present', current: 'retainKeysMap: {name: foo, value: a}', patch: 'retainKeysMap: {value: null}', result: 'retainKeysMap: {name: foo}' },
      { name: 'retainKeys map merge an empty map', current: 'retainKeysMap: {name: foo, value: a}', patch: 'retainKeysMap: {}', result: 'retainKeysMap: {name: foo, value: a}' },
      {
        name: 'retainKeys list can add a field when no retainKeys directive present',
        current: 'retainKeysMergingList: [{name: bar}, {name: foo}]',
        patch: 'retainKeysMergingList: [{name: foo, value: a}]',
        result: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a}]',
      },
      {
        name: 'retainKeys list can delete a field when no retainKeys directive present',
        current: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a}]',
        patch: 'retainKeysMergingList: [{name: foo, value: null}]',
        result: 'retainKeysMergingList: [{name: bar}, {name: foo}]',
      },
      {
        name: 'preserve the order from the patch in a merging list',
        current: 'mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]',
        patch: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]',
        result: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, value: b, other: x}]',
      },
      {
        name: 'preserve the order from the patch in a merging list 2',
        current: 'mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]',
        patch: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}]',
        result: 'mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]',
      },
      { name: 'preserve the order from the patch in a merging int list', current: 'mergingIntList: [1, 2, 3]', patch: 'mergingIntList: [3, 1, 2]', result: 'mergingIntList: [3, 1, 2]' },
      { name: 'preserve the order from the patch in a merging int list 2', current: 'mergingIntList: [1, 2, 3]', patch: 'mergingIntList: [3, 1]', result: 'mergingIntList: [2, 3, 1]' },
      {
        name: '$setElementOrder contains item that is not present in the list to be merged',
        current: 'mergingList: [{name: 1}, {name: 3}]',
        patch: '{$setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}], mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}',
        result: 'mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]',
      },
      { name: '$setElementOrder contains item that is not present in the int list to be merged', current: 'mergingIntList: [1, 3]', patch: '$setElementOrder/mergingIntList: [3, 2, 1]', result: 'mergingIntList: [3, 1]' },
      {
        name: 'should check if order in $setElementOrder and patch list match',
        current: 'mergingList: [{name: 1}, {name: 3}, {name: 2}]',
        patch: '{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]}',
        error: /doesn't match/,
      },
      { name: 'int list order mismatch', current: 'mergingIntList: [1, 3, 2]', patch: '{$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3, 1]}', error: /doesn't match/ },
      { name: 'missing merge key should error out', current: 'mergingList: [{name: 1, value: a}]', patch: 'mergingList: [{value: b}]', error: /does not contain declared merge key/ },
    ],
    mergeItem,
  );
});

test('upstream three-way cases: applying the patch to the live object', () => {
  run(
    [
      { name: 'nil original', current: '{name: 1, other: a}', patch: '{value: 1}', result: '{name: 1, value: 1, other: a}' },
      { name: 'add field and delete field from map', current: '{name: 1, other: a}', patch: '{name: null, value: 1}', result: '{value: 1, other: a}' },
      { name: 'delete field from nested map', current: 'simpleMap: {key1: 1, key2: 1, other: a}', patch: 'simpleMap: {key2: null}', result: 'simpleMap: {key1: 1, other: a}' },
      { name: 'delete all fields from map', current: '{name: 1, value: 1, other: a}', patch: '{name: null, value: null}', result: '{other: a}' },
      { name: 'replace list of scalars', current: 'nonMergingIntList: [1, 4]', patch: 'nonMergingIntList: [2, 3]', result: 'nonMergingIntList: [2, 3]' },
      {
        name: 'delete all maps from merging list with conflict',
        current: 'mergingList: [{name: 1, other: a}, {name: 2, other: b}]',
        patch: 'mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]',
        result: 'mergingList: []',
      },
      { name: 'delete all maps from empty merging list', current: 'mergingList: []', patch: 'mergingList: [{name: 1, $patch: delete}, {name: 2, $patch: delete}]', result: 'mergingList: []' },
      { name: 'merge empty merging lists', current: 'mergingList: []', patch: '{}', result: 'mergingList: []' },
      { name: 'defined null values should propagate overwrite current fields', current: '{name: a, other: a}', patch: '{name: 1, value: 1, other: null}', result: '{name: 1, value: 1}' },
      {
        name: 'delete items in lists of scalars',
        current: 'mergingIntList: [1, 2, 3, 4]',
        patch: '{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}',
        result: 'mergingIntList: [1, 2, 4]',
      },
      {
        name: 'delete all duplicate items in lists of scalars',
        current: 'mergingIntList: [1, 2, 3, 3, 4]',
        patch: '{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}',
        result: 'mergingIntList: [1, 2, 4]',
      },
      {
        name: 'merge lists of maps',
        current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
        patch: '{$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]}',
        result: 'mergingList: [{name: 4, value: 4}, {name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
      },
      {
        name: 'merge lists of maps with conflict',
        current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 3, other: b}]',
        patch: '{$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}], mergingList: [{name: 2, value: 2}, {name: 3, value: 3}]}',
        result: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
      },
      {
        name: 'add field to map in merging list',
        current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
        patch: '{$setElementOrder/mergingList: [{name: 1}, {name: 2}], mergingList: [{name: 1, value: 1}]}',
        result: 'mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2, other: b}]',
      },
      { name: 'setElementOrder keeps duplicates stable', current: 'mergingIntList: [1, 2, 3, 2, 4]', patch: '$setElementOrder/mergingIntList: [2, 1, 4, 3, 2]', result: 'mergingIntList: [2, 2, 1, 4, 3]' },
      { name: 'retainKeys map should clear defaulted field', current: 'retainKeysMap: {value: foo}', patch: 'retainKeysMap: {$retainKeys: [other], other: bar}', result: 'retainKeysMap: {other: bar}' },
      {
        name: 'retainKeys map should clear defaulted field with conflict (discriminated union)',
        current: 'retainKeysMap: {name: type1, value: foo}',
        patch: 'retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}',
        result: 'retainKeysMap: {name: type2, other: bar}',
      },
      { name: 'retainKeys must list every patched field', current: 'retainKeysMap: {name: a}', patch: 'retainKeysMap: {$retainKeys: [name], value: b}', error: /invalid patch format of retainKeys/ },
    ],
    mergeItem,
  );
});

// ---- Deployment-shaped schema, with the patch metadata the real OpenAPI carries ----

const str: JSONSchemaProps = { type: 'string' };
const stringMap: JSONSchemaProps = { type: 'object', additionalProperties: str };
const byKey = (items: JSONSchemaProps, key: string, strategy = 'merge'): JSONSchemaProps => ({
  type: 'array',
  items,
  'x-kubernetes-patch-strategy': strategy,
  'x-kubernetes-patch-merge-key': key,
});

const objectMeta: JSONSchemaProps = {
  type: 'object',
  properties: {
    name: str,
    namespace: str,
    labels: stringMap,
    annotations: stringMap,
    finalizers: { type: 'array', items: str, 'x-kubernetes-patch-strategy': 'merge' },
    ownerReferences: byKey({ type: 'object', properties: { uid: str, name: str, kind: str } }, 'uid'),
  },
};

const container: JSONSchemaProps = {
  type: 'object',
  properties: {
    name: str,
    image: str,
    args: { type: 'array', items: str },
    env: byKey({ type: 'object', properties: { name: str, value: str, valueFrom: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }, 'name'),
    ports: byKey({ type: 'object', properties: { containerPort: { type: 'integer' }, protocol: str, name: str } }, 'containerPort'),
    volumeMounts: byKey({ type: 'object', properties: { name: str, mountPath: str } }, 'mountPath'),
    resources: { type: 'object', properties: { limits: stringMap, requests: stringMap } },
  },
};

const podSpec: JSONSchemaProps = {
  type: 'object',
  properties: {
    containers: byKey(container, 'name'),
    initContainers: byKey(container, 'name'),
    volumes: byKey(
      {
        type: 'object',
        'x-kubernetes-patch-strategy': 'retainKeys',
        properties: { name: str, emptyDir: { type: 'object', properties: { medium: str } }, configMap: { type: 'object', properties: { name: str } } },
      },
      'name',
      'merge,retainKeys',
    ),
    tolerations: { type: 'array', items: { type: 'object', properties: { key: str, operator: str, value: str, effect: str } } },
    nodeSelector: stringMap,
  },
};

const deploymentSchema: JSONSchemaProps = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        selector: { type: 'object', properties: { matchLabels: stringMap } },
        strategy: {
          type: 'object',
          'x-kubernetes-patch-strategy': 'retainKeys',
          properties: { type: str, rollingUpdate: { type: 'object', properties: { maxSurge: { 'x-kubernetes-int-or-string': true }, maxUnavailable: { 'x-kubernetes-int-or-string': true } } } },
        },
        template: { type: 'object', properties: { metadata: objectMeta, spec: podSpec } },
        config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
    status: {
      type: 'object',
      properties: { replicas: { type: 'integer' }, conditions: byKey({ type: 'object', properties: { type: str, status: str, reason: str } }, 'type') },
    },
  },
};

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: front}
  finalizers: [a, b]
spec:
  replicas: 1
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: app:v1
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
        ports: [{containerPort: 80, protocol: TCP}]
      - name: sidecar
        image: envoy
      volumes: [{name: data, emptyDir: {}}]
      tolerations: [{key: dedicated, value: test-team, effect: NoSchedule}]
status:
  conditions: [{type: Available, status: "True"}, {type: Progressing, status: "True"}]
`;

/** Applies `patch` to the deployment above. */
function patchDeployment(patch: string): Record<string, unknown> {
  return applyStrategicMergePatch(y(deployment), y(patch), deploymentSchema) as Record<string, unknown>;
}

const at = (obj: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

test('kubectl patch (default strategic) on a Deployment', () => {
  const cases: [string, string, string, unknown][] = [
    // From the Kubernetes "update API objects with kubectl patch" task: the new container lands first.
    [
      'add a container',
      'spec: {template: {spec: {containers: [{name: patch-demo-ctr-2, image: redis}]}}}',
      'spec.template.spec.containers',
      y('[{name: patch-demo-ctr-2, image: redis}, {name: app, image: "app:v1", env: [{name: A, value: "1"}, {name: B, value: "2"}], ports: [{containerPort: 80, protocol: TCP}]}, {name: sidecar, image: envoy}]'),
    ],
    ['tolerations have no merge key, so they are replaced', 'spec: {template: {spec: {tolerations: [{key: disktype, value: ssd, effect: NoSchedule}]}}}', 'spec.template.spec.tolerations', y('[{key: disktype, value: ssd, effect: NoSchedule}]')],
    ['update one container by name', 'spec: {template: {spec: {containers: [{name: sidecar, image: envoy:v2}]}}}', 'spec.template.spec.containers.1', { name: 'sidecar', image: 'envoy:v2' }],
    ['env merges by name inside a container', 'spec: {template: {spec: {containers: [{name: app, env: [{name: B, value: "3"}]}]}}}', 'spec.template.spec.containers.0.env', y('[{name: A, value: "1"}, {name: B, value: "3"}]')],
    ['ports merge by containerPort (new first)', 'spec: {template: {spec: {containers: [{name: app, ports: [{containerPort: 443}]}]}}}', 'spec.template.spec.containers.0.ports', y('[{containerPort: 443}, {containerPort: 80, protocol: TCP}]')],
    ['args replace', 'spec: {template: {spec: {containers: [{name: app, args: [x]}]}}}', 'spec.template.spec.containers.0.args', ['x']],
    ['delete a container', 'spec: {template: {spec: {containers: [{name: sidecar, $patch: delete}]}}}', 'spec.template.spec.containers.length', 1],
    ['replace the container list', 'spec: {template: {spec: {containers: [{name: only, image: x}, {$patch: replace}]}}}', 'spec.template.spec.containers', [{ name: 'only', image: 'x' }]],
    ['conditions merge by type', 'status: {conditions: [{type: Available, status: "False", reason: Down}]}', 'status.conditions', y('[{type: Available, status: "False", reason: Down}, {type: Progressing, status: "True"}]')],
    ['labels merge and null deletes', 'metadata: {labels: {tier: null, env: prod}}', 'metadata.labels', { app: 'web', env: 'prod' }],
    ['finalizers merge as a set (new first)', 'metadata: {finalizers: [c, a]}', 'metadata.finalizers', ['c', 'a', 'b']],
    ['finalizers removed with $deleteFromPrimitiveList', 'metadata: {$deleteFromPrimitiveList/finalizers: [a]}', 'metadata.finalizers', ['b']],
    ['finalizers replaced with $patch: replace', 'metadata: {finalizers: [z, {$patch: replace}]}', 'metadata.finalizers', ['z']],
    ['retainKeys switches the update strategy', 'spec: {strategy: {$retainKeys: [type], type: Recreate}}', 'spec.strategy', { type: 'Recreate' }],
    ['a map absent from the object is added', 'spec: {template: {spec: {nodeSelector: {disk: ssd}}}}', 'spec.template.spec.nodeSelector', { disk: 'ssd' }],
    ['$patch: replace swaps a whole map', 'spec: {template: {metadata: {labels: {$patch: replace, v: "2"}}}}', 'spec.template.metadata.labels', { v: '2' }],
    ['$patch: delete empties a map', 'spec: {strategy: {$patch: delete}}', 'spec.strategy', {}],
    ['$patch: merge is the default', 'spec: {strategy: {$patch: merge, type: Recreate}}', 'spec.strategy', { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }],
    ['volume switches type with per-item retainKeys', 'spec: {template: {spec: {volumes: [{name: data, $retainKeys: [configMap, name], configMap: {name: cm}}]}}}', 'spec.template.spec.volumes', [{ name: 'data', configMap: { name: 'cm' } }]],
    ['nulls in newly added objects are dropped', 'spec: {template: {spec: {initContainers: [{name: init, image: busybox, resources: null}]}}}', 'spec.template.spec.initContainers', [{ name: 'init', image: 'busybox' }]],
    ['delete directive on a missing list is a no-op', 'spec: {template: {spec: {initContainers: [{name: x, $patch: delete}, {name: y}]}}}', 'spec.template.spec.initContainers', [{ name: 'y' }]],
  ];
  for (const [name, patch, path, want] of cases) assert.deepEqual(at(patchDeployment(patch), path), want, name);
});

test('kubectl apply three-way patches on a Deployment', () => {
  // last-applied: one container "app" with env A, B and volume "data"; the sidecar was injected by someone else.
  // new manifest: app image v2, env A and C, and an extra container "log" placed before "app".
  const patch = `
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: log}, {name: app}]
      containers:
      - name: log
        image: fluentbit
      - name: app
        image: app:v2
        $setElementOrder/env: [{name: A}, {name: C}]
        env:
        - {name: C, value: "3"}
        - {name: B, $patch: delete}
`;
  const result = patchDeployment(patch);
  assert.deepEqual(
    at(result, 'spec.template.spec.containers'),
    y(`
- {name: log, image: fluentbit}
- name: app
  image: app:v2
  env: [{name: A, value: "1"}, {name: C, value: "3"}]
  ports: [{containerPort: 80, protocol: TCP}]
- {name: sidecar, image: envoy}
`),
  );

  // Removing a container that was in last-applied, and reordering the rest.
  const removal = patchDeployment('spec: {template: {spec: {$setElementOrder/containers: [{name: app}], containers: [{name: sidecar, $patch: delete}]}}}');
  assert.deepEqual(
    (at(removal, 'spec.template.spec.containers') as { name: string }[]).map((c) => c.name),
    ['app'],
  );
  const reorder = patchDeployment('spec: {template: {spec: {$setElementOrder/containers: [{name: sidecar}, {name: app}]}}}');
  assert.deepEqual(
    (at(reorder, 'spec.template.spec.containers') as { name: string }[]).map((c) => c.name),
    ['sidecar', 'app'],
  );

  // Finalizer removal as kubectl apply writes it.
  const fin = patchDeployment('metadata: {$setElementOrder/finalizers: [b], $deleteFromPrimitiveList/finalizers: [a]}');
  assert.deepEqual(at(fin, 'metadata.finalizers'), ['b']);
  // No directive survives into the result.
  assert.equal(JSON.stringify(result).includes('$'), false);
  assert.equal(JSON.stringify(fin).includes('$'), false);
});

test('rejects malformed strategic patches', () => {
  const cases: [string, unknown, RegExp][] = [
    ['unknown directive key', y('spec: {$foo: 1}'), /unknown strategic merge patch directive: \$foo/],
    ['unknown $patch in a map', y('spec: {$patch: bogus}'), /unknown patch type: bogus/],
    ['unknown $patch in a list item', y('spec: {template: {spec: {containers: [{name: app, $patch: bogus}]}}}'), /unknown patch type: bogus/],
    ['delete directive without the merge key', y('spec: {template: {spec: {containers: [{$patch: delete}]}}}'), /does not contain declared merge key: name/],
    ['$retainKeys must be a list', y('spec: {strategy: {$retainKeys: type}}'), /invalid patch format of retainKeys/],
    ['$setElementOrder must be a list', y('spec: {template: {spec: {$setElementOrder/containers: x}}}'), /invalid patch format of setElementOrder list/],
    ['$deleteFromPrimitiveList must be a list', y('metadata: {$deleteFromPrimitiveList/finalizers: a}'), /invalid patch format of deleteFromPrimitiveList/],
    ['list element types must agree', y('metadata: {finalizers: [{x: 1}]}'), /list element types are not identical/],
    ['lists of lists', y('metadata: {finalizers: [[a]]}'), /lists of lists are not supported/],
    ['patch must be an object', [1], /must be a JSON object/],
  ];
  for (const [name, patch, message] of cases) {
    assert.throws(() => applyStrategicMergePatch(y(deployment), patch, deploymentSchema), (err: unknown) => err instanceof PatchError && err.kind === 'invalid' && message.test(err.message), name);
  }
});

test('subtrees without a schema behave like a JSON merge patch', () => {
  const current = { spec: { config: { list: [1, 2], m: { a: 1, b: 2 }, $ref: 'x' } } };
  const patch = { spec: { config: { list: [3], m: { a: null, c: 3 }, $ref: 'y', $other: 1 } } };
  assert.deepEqual(applyStrategicMergePatch(current, patch, deploymentSchema), { spec: { config: { list: [3], m: { b: 2, c: 3 }, $ref: 'y', $other: 1 } } });

  const vectors: [unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }],
    [{ a: 'b', b: 'c' }, { a: null }],
    [{ a: [{ b: 'c' }] }, { a: [1] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }],
    [{ e: null }, { a: 1 }],
    [{}, { a: { bb: { ccc: null } } }],
    [{ list: ['x', 'y'] }, { list: ['z'] }],
    [{}, { list: [{ keep: null }] }],
  ];
  for (const [target, p] of vectors) assert.deepEqual(applyStrategicMergePatch(target, p, undefined), applyMergePatch(target, p), JSON.stringify(p));

  // Known directives are still honoured (and never leak) where there is no schema.
  assert.deepEqual(applyStrategicMergePatch({ list: [1, 2, 3] }, { '$setElementOrder/list': [3, 2, 1] }, undefined), { list: [3, 2, 1] });
  assert.deepEqual(applyStrategicMergePatch({ m: { a: 1 } }, { m: { $patch: 'replace', b: 2 } }, undefined), { m: { b: 2 } });
  assert.deepEqual(applyStrategicMergePatch({ l: [1, 2] }, { '$deleteFromPrimitiveList/l': [1] }, undefined), { l: [2] });
});

test('never mutates or aliases its inputs', () => {
  const current = y(deployment);
  const patch = y('spec: {template: {spec: {$setElementOrder/containers: [{name: app}], containers: [{name: app, env: [{name: A, $patch: delete}], volumeMounts: [{mountPath: /d, name: data}]}]}}}');
  const currentCopy = structuredClone(current);
  const patchCopy = structuredClone(patch);
  const result = applyStrategicMergePatch(current, patch, deploymentSchema);
  assert.deepEqual(current, currentCopy);
  assert.deepEqual(patch, patchCopy);
  (at(result, 'spec.template.spec.containers.0.volumeMounts') as unknown[]).push('x');
  (at(result, 'metadata.labels') as Record<string, string>).extra = 'x';
  assert.deepEqual(current, currentCopy);
  assert.deepEqual(patch, patchCopy);
});
