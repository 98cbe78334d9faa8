import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import type { KindDefinition } from '../types.js';
import { builtinKinds } from './index.js';

const id = (d: KindDefinition) => `${d.group || 'core'}/${d.kind}`;
const find = (group: string, kind: string): KindDefinition => {
  const found = builtinKinds.find((d) => d.group === group && d.kind === kind);
  assert.ok(found, `${group}/${kind} is defined`);
  return found;
};

/** Visits every schema node with its path, e.g. "spec.template.spec.containers[].ports[]". */
function walk(schema: JSONSchemaProps, visit: (node: JSONSchemaProps, path: string) => void, path = ''): void {
  visit(schema, path);
  for (const [name, child] of Object.entries(schema.properties ?? {})) walk(child, visit, path ? `${path}.${name}` : name);
  if (schema.items) walk(schema.items, visit, `${path}[]`);
  if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, visit, `${path}{}`);
  for (const alternative of [...(schema.anyOf ?? []), ...(schema.allOf ?? []), ...(schema.oneOf ?? [])]) walk(alternative, visit, path);
}

test('exactly the expected kinds are served, each group/plural once', () => {
  const expected = [
    'core/Namespace', 'core/Secret', 'core/ConfigMap', 'core/Event', 'core/ServiceAccount', 'core/Service',
    'core/Endpoints', 'core/Pod', 'core/Node', 'core/PersistentVolumeClaim', 'core/PersistentVolume',
    'core/LimitRange', 'core/ResourceQuota', 'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet',
    'apps/DaemonSet', 'apps/ControllerRevision', 'batch/Job', 'batch/CronJob', 'coordination.k8s.io/Lease',
    'autoscaling/HorizontalPodAutoscaler', 'networking.k8s.io/Ingress', 'networking.k8s.io/NetworkPolicy',
    'storage.k8s.io/StorageClass', 'events.k8s.io/Event', 'apiextensions.k8s.io/CustomResourceDefinition',
    'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/RoleBinding',
    'rbac.authorization.k8s.io/ClusterRoleBinding', 'authorization.k8s.io/SubjectAccessReview',
    'authorization.k8s.io/LocalSubjectAccessReview', 'authorization.k8s.io/SelfSubjectAccessReview',
    'authorization.k8s.io/SelfSubjectRulesReview', 'authentication.k8s.io/SelfSubjectReview', 'authentication.k8s.io/TokenReview',
  ];
  assert.deepEqual(builtinKinds.map(id).sort(), [...expected].sort());
  const resources = builtinKinds.map((d) => `${d.group}/${d.plural}`);
  assert.equal(new Set(resources).size, resources.length);
});

test('names, versions and scope are internally consistent', () => {
  for (const d of builtinKinds) {
    assert.equal(d.listKind, `${d.kind}List`, id(d));
    assert.match(d.plural, /^[a-z0-9]+$/, id(d));
    assert.equal(d.singular, d.kind.toLowerCase(), id(d));
    for (const shortName of d.shortNames ?? []) assert.match(shortName, /^[a-z0-9]+$/, id(d));
    assert.equal(d.versions.filter((v) => v.storage).length, 1, `${id(d)} has one storage version`);
    assert.ok(d.versions.every((v) => v.served), id(d));
    assert.equal(d.custom, undefined, `${id(d)} is built in`);
  }
  const versions = Object.fromEntries(builtinKinds.map((d) => [id(d), d.versions.map((v) => v.name).join(',')]));
  assert.equal(versions['autoscaling/HorizontalPodAutoscaler'], 'v2');
  assert.equal(versions['core/Pod'], 'v1');
  const clusterScoped = builtinKinds.filter((d) => !d.namespaced).map(id).sort();
  assert.deepEqual(clusterScoped, [
    'apiextensions.k8s.io/CustomResourceDefinition', 'authentication.k8s.io/SelfSubjectReview', 'authentication.k8s.io/TokenReview', 'authorization.k8s.io/SelfSubjectAccessReview',
    'authorization.k8s.io/SelfSubjectRulesReview', 'authorization.k8s.io/SubjectAccessReview', 'core/Namespace', 'core/Node',
    'core/PersistentVolume', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
    'storage.k8s.io/StorageClass',
  ]);
});

test('short names and categories match upstream discovery', () => {
  const shortNames = Object.fromEntries(builtinKinds.filter((d) => d.shortNames).map((d) => [id(d), d.shortNames]));
  assert.deepEqual(shortNames, {
    'core/Namespace': ['ns'], 'core/ConfigMap': ['cm'], 'core/Event': ['ev'], 'core/ServiceAccount': ['sa'],
    'core/Service': ['svc'], 'core/Endpoints': ['ep'], 'core/Pod': ['po'], 'core/Node': ['no'],
    'core/PersistentVolumeClaim': ['pvc'], 'core/PersistentVolume': ['pv'], 'core/LimitRange': ['limits'],
    'core/ResourceQuota': ['quota'], 'apps/Deployment': ['deploy'], 'apps/ReplicaSet': ['rs'],
    'apps/StatefulSet': ['sts'], 'apps/DaemonSet': ['ds'], 'batch/CronJob': ['cj'],
    'autoscaling/HorizontalPodAutoscaler': ['hpa'], 'networking.k8s.io/Ingress': ['ing'],
    'networking.k8s.io/NetworkPolicy': ['netpol'], 'storage.k8s.io/StorageClass': ['sc'], 'events.k8s.io/Event': ['ev'],
    'apiextensions.k8s.io/CustomResourceDefinition': ['crd', 'crds'],
  });
  const all = builtinKinds.filter((d) => d.categories?.includes('all')).map(id).sort();
  assert.deepEqual(all, [
    'apps/DaemonSet', 'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'autoscaling/HorizontalPodAutoscaler',
    'batch/CronJob', 'batch/Job', 'core/Pod', 'core/Service',
  ]);
  assert.deepEqual(find('apiextensions.k8s.io', 'CustomResourceDefinition').categories, ['api-extensions']);
});

test('status and scale subresources follow upstream', () => {
  const withStatus = builtinKinds.filter((d) => d.versions[0]!.subresources?.status).map(id).sort();
  assert.deepEqual(withStatus, [
    'apiextensions.k8s.io/CustomResourceDefinition', 'apps/DaemonSet', 'apps/Deployment', 'apps/ReplicaSet',
    'apps/StatefulSet', 'autoscaling/HorizontalPodAutoscaler', 'batch/CronJob', 'batch/Job', 'core/Namespace',
    'core/Node', 'core/PersistentVolume', 'core/PersistentVolumeClaim', 'core/Pod', 'core/ResourceQuota',
    'core/Service', 'networking.k8s.io/Ingress',
  ]);
  for (const d of builtinKinds) {
    // Create-only kinds (access reviews) answer in status without a /status subresource, as upstream.
    if (d.verbs && !d.verbs.includes('update')) continue;
    const hasStatusField = d.versions[0]!.schema.properties?.status !== undefined;
    assert.equal(Boolean(d.versions[0]!.subresources?.status), hasStatusField, `${id(d)}: status field ⇔ /status`);
  }
  const withScale = builtinKinds.filter((d) => d.versions[0]!.subresources?.scale).map(id).sort();
  assert.deepEqual(withScale, ['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet']);
  assert.deepEqual(find('apps', 'Deployment').versions[0]!.subresources?.scale, {
    specReplicasPath: '.spec.replicas',
    statusReplicasPath: '.status.replicas',
    labelSelectorPath: '.spec.selector',
  });
});

test('printer columns are well formed, list NAME only as a placed name column, and age columns read creationTimestamp', () => {
  const types = new Set(['string', 'integer', 'number', 'boolean', 'date']);
  for (const d of builtinKinds) {
    const columns = d.versions[0]!.printerColumns ?? [];
    assert.ok(columns.length > 0, `${id(d)} has printer columns`);
    for (const column of columns) {
      const where = `${id(d)} column ${column.name}`;
      assert.ok(types.has(column.type), where);
      // NAME is implicit (first); a kind lists it only to place it elsewhere, as Events do (wide, last).
      if (column.name.toLowerCase() === 'name') assert.deepEqual([column.format, column.priority, columns[columns.length - 1]], ['name', 1, column], where);
      assert.ok((column.value === undefined) !== (column.jsonPath === undefined), `${where}: value or jsonPath`);
      assert.ok(column.priority === undefined || column.priority === 1, where);
      assert.ok(column.description, where);
      if (column.name === 'Age') assert.deepEqual([column.type, column.jsonPath], ['date', '.metadata.creationTimestamp'], where);
    }
    const names = columns.map((c) => c.name);
    assert.equal(new Set(names).size, names.length, `${id(d)} has unique column names`);
  }
});

test('default (priority 0) columns match what kubectl prints', () => {
  const header = (group: string, kind: string) =>
    ['NAME', ...find(group, kind).versions[0]!.printerColumns!.filter((c) => !c.priority).map((c) => c.name.toUpperCase())].join(' ');
  const wide = (group: string, kind: string) =>
    find(group, kind).versions[0]!.printerColumns!.filter((c) => c.priority).map((c) => c.name.toUpperCase()).join(' ');
  assert.equal(header('', 'Pod'), 'NAME READY STATUS RESTARTS AGE');
  assert.equal(wide('', 'Pod'), 'IP NODE NOMINATED NODE READINESS GATES');
  assert.equal(header('apps', 'Deployment'), 'NAME READY UP-TO-DATE AVAILABLE AGE');
  assert.equal(wide('apps', 'Deployment'), 'CONTAINERS IMAGES SELECTOR');
  assert.equal(header('apps', 'ReplicaSet'), 'NAME DESIRED CURRENT READY AGE');
  assert.equal(header('apps', 'StatefulSet'), 'NAME READY AGE');
  assert.equal(header('apps', 'DaemonSet'), 'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE');
  assert.equal(header('apps', 'ControllerRevision'), 'NAME CONTROLLER REVISION AGE');
  assert.equal(header('', 'Service'), 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE');
  assert.equal(wide('', 'Service'), 'SELECTOR');
  assert.equal(header('', 'Namespace'), 'NAME STATUS AGE');
  assert.equal(header('', 'ConfigMap'), 'NAME DATA AGE');
  assert.equal(header('', 'Secret'), 'NAME TYPE DATA AGE');
  assert.equal(header('', 'ServiceAccount'), 'NAME SECRETS AGE');
  assert.equal(header('', 'Endpoints'), 'NAME ENDPOINTS AGE');
  assert.equal(header('', 'Node'), 'NAME STATUS ROLES AGE VERSION');
  assert.equal(wide('', 'Node'), 'INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME');
  assert.equal(header('', 'Event'), 'NAME LAST SEEN TYPE REASON OBJECT MESSAGE');
  assert.equal(header('events.k8s.io', 'Event'), 'NAME LAST SEEN TYPE REASON OBJECT MESSAGE');
  assert.equal(
    header('', 'PersistentVolume'),
    'NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE',
  );
  assert.equal(header('', 'PersistentVolumeClaim'), 'NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE');
  assert.equal(header('', 'LimitRange'), 'NAME CREATED AT');
  assert.equal(header('', 'ResourceQuota'), 'NAME AGE REQUEST LIMIT');
  assert.equal(header('batch', 'Job'), 'NAME STATUS COMPLETIONS DURATION AGE');
  assert.equal(header('batch', 'CronJob'), 'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE');
  assert.equal(header('coordination.k8s.io', 'Lease'), 'NAME HOLDER AGE');
  assert.equal(header('autoscaling', 'HorizontalPodAutoscaler'), 'NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE');
  assert.equal(header('networking.k8s.io', 'Ingress'), 'NAME CLASS HOSTS ADDRESS PORTS AGE');
  assert.equal(header('networking.k8s.io', 'NetworkPolicy'), 'NAME POD-SELECTOR AGE');
  assert.equal(header('storage.k8s.io', 'StorageClass'), 'NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE');
  assert.equal(header('apiextensions.k8s.io', 'CustomResourceDefinition'), 'NAME CREATED AT');
  assert.equal(header('rbac.authorization.k8s.io', 'Role'), 'NAME CREATED AT');
  assert.equal(header('rbac.authorization.k8s.io', 'ClusterRole'), 'NAME CREATED AT');
  assert.equal(header('rbac.authorization.k8s.io', 'RoleBinding'), 'NAME ROLE AGE');
  assert.equal(wide('rbac.authorization.k8s.io', 'RoleBinding'), 'USERS GROUPS SERVICEACCOUNTS');
  assert.equal(header('rbac.authorization.k8s.io', 'ClusterRoleBinding'), 'NAME ROLE AGE');
  assert.equal(wide('rbac.authorization.k8s.io', 'ClusterRoleBinding'), 'USERS GROUPS SERVICEACCOUNTS');
});

test('root schemas leave metadata to the server and describe their top-level fields', () => {
  for (const d of builtinKinds) {
    const root = d.versions[0]!.schema;
    assert.equal(root.type, 'object', id(d));
    assert.ok(root.description, id(d));
    assert.deepEqual(Object.keys(root.properties?.metadata ?? {}).sort(), ['description', 'type'], id(d));
    assert.equal(root.properties?.metadata?.type, 'object');
    for (const [field, schema] of Object.entries(root.properties ?? {})) {
      assert.ok(schema.description, `${id(d)}.${field} has a description`);
    }
  }
});

test('every schema node is structurally sound', () => {
  const integerFormats = new Set(['int32', 'int64']);
  for (const d of builtinKinds) {
    walk(d.versions[0]!.schema, (node, path) => {
      const where = `${id(d)} ${path || '<root>'}`;
      if (node.properties || node.additionalProperties) assert.equal(node.type, 'object', `${where}: objects say so`);
      if (node.type === 'array') assert.ok(node.items, `${where}: arrays have items`);
      if (node.items) assert.equal(node.type, 'array', where);
      for (const required of node.required ?? []) assert.ok(node.properties?.[required], `${where}: required ${required} exists`);
      if (node.format && integerFormats.has(node.format)) assert.equal(node.type, 'integer', where);
      if (node['x-kubernetes-int-or-string']) {
        assert.equal(node.type, undefined, where);
        assert.deepEqual(node.anyOf, [{ type: 'integer' }, { type: 'string' }], where);
      }
      assert.ok(node.type !== undefined || node['x-kubernetes-int-or-string'], `${where}: every node has a type`);
      if (node.enum && node.default !== undefined) assert.ok(node.enum.includes(node.default), `${where}: default is allowed`);
      if (node.default !== undefined && node.type) {
        const kind = Array.isArray(node.default) ? 'array' : typeof node.default === 'number' ? 'integer' : typeof node.default;
        assert.equal(kind, node.type === 'number' ? 'integer' : node.type, `${where}: default has the schema type`);
      }
    });
  }
});

test('list-map keys exist and are required or defaulted; merge keys exist', () => {
  let mapLists = 0;
  for (const d of builtinKinds) {
    walk(d.versions[0]!.schema, (node, path) => {
      const where = `${id(d)} ${path}`;
      const listType = node['x-kubernetes-list-type'];
      if (listType) assert.equal(node.type, 'array', where);
      if (listType === 'map') {
        mapLists++;
        const keys = node['x-kubernetes-list-map-keys'] ?? [];
        assert.ok(keys.length > 0, `${where}: map lists name their keys`);
        for (const key of keys) {
          const keySchema = node.items?.properties?.[key];
          assert.ok(keySchema, `${where}: key ${key} is an item field`);
          assert.ok(node.items?.required?.includes(key) || keySchema.default !== undefined, `${where}: key ${key} required or defaulted`);
        }
      } else {
        assert.equal(node['x-kubernetes-list-map-keys'], undefined, where);
      }
      const mergeKey = node['x-kubernetes-patch-merge-key'];
      if (mergeKey) assert.ok(node.items?.properties?.[mergeKey], `${where}: merge key ${mergeKey} is an item field`);
    });
  }
  assert.ok(mapLists > 40, `found ${mapLists} map lists`);
});

test('strategic merge and apply metadata matches upstream on the fields kubectl patches', () => {
  const node = (group: string, kind: string, ...path: string[]): JSONSchemaProps => {
    let current = find(group, kind).versions[0]!.schema;
    for (const step of path) {
      const next = step === '[]' ? current.items : current.properties?.[step];
      assert.ok(next, `${kind} ${path.join('.')}`);
      current = next;
    }
    return current;
  };
  const ext = (s: JSONSchemaProps) => [
    s['x-kubernetes-list-type'],
    s['x-kubernetes-list-map-keys'],
    s['x-kubernetes-patch-merge-key'],
    s['x-kubernetes-patch-strategy'],
  ];
  const podSpec = ['spec', 'template', 'spec'];
  assert.deepEqual(ext(node('apps', 'Deployment', ...podSpec, 'containers')), ['map', ['name'], 'name', 'merge']);
  assert.deepEqual(ext(node('', 'Pod', 'spec', 'initContainers')), ['map', ['name'], 'name', 'merge']);
  assert.deepEqual(ext(node('', 'Pod', 'spec', 'ephemeralContainers')), ['map', ['name'], 'name', 'merge']);
  assert.deepEqual(ext(node('', 'Pod', 'spec', 'volumes')), ['map', ['name'], 'name', 'merge,retainKeys']);
  assert.deepEqual(ext(node('', 'Pod', 'spec', 'imagePullSecrets')), ['map', ['name'], 'name', 'merge']);
  assert.deepEqual(ext(node('', 'Pod', 'spec', 'tolerations')), ['atomic', undefined, undefined, undefined]);
  assert.deepEqual(ext(node('', 'Pod', 'spec', 'containers', '[]', 'env')), ['map', ['name'], 'name', 'merge']);
  assert.deepEqual(ext(node('', 'Pod', 'spec', 'containers', '[]', 'ports')), ['map', ['containerPort', 'protocol'], 'containerPort', 'merge']);
  assert.deepEqual(ext(node('', 'Pod', 'spec', 'containers', '[]', 'volumeMounts')), ['map', ['mountPath'], 'mountPath', 'merge']);
  assert.deepEqual(ext(node('', 'Pod', 'status', 'conditions')), ['map', ['type'], 'type', 'merge']);
  assert.deepEqual(ext(node('', 'Pod', 'status', 'containerStatuses')), ['atomic', undefined, undefined, undefined]);
  assert.deepEqual(ext(node('', 'Service', 'spec', 'ports')), ['map', ['port', 'protocol'], 'port', 'merge']);
  assert.deepEqual(ext(node('', 'Node', 'status', 'addresses')), ['map', ['type'], 'type', 'merge']);
  assert.deepEqual(ext(node('batch', 'Job', 'status', 'conditions')), ['atomic', undefined, 'type', 'merge']);
  assert.deepEqual(ext(node('apps', 'Deployment', 'spec', 'template', 'metadata', 'ownerReferences')), ['map', ['uid'], 'uid', 'merge']);
  assert.deepEqual(ext(node('apps', 'Deployment', 'spec', 'template', 'metadata', 'finalizers')), ['set', undefined, undefined, 'merge']);
  assert.equal(node('apps', 'Deployment', 'spec', 'selector')['x-kubernetes-map-type'], 'atomic');
  assert.equal(node('apps', 'Deployment', 'spec', 'strategy', 'rollingUpdate', 'maxSurge')['x-kubernetes-int-or-string'], true);
  assert.equal(node('', 'Service', 'spec', 'ports', '[]', 'targetPort')['x-kubernetes-int-or-string'], true);
  const limits = node('', 'Pod', 'spec', 'containers', '[]', 'resources', 'limits');
  assert.equal(typeof limits.additionalProperties === 'object' && limits.additionalProperties['x-kubernetes-int-or-string'], true);
});

test('defaults the apiserver applies are declared in the schemas', () => {
  const at = (group: string, kind: string, path: string): unknown => {
    let current: JSONSchemaProps | undefined = find(group, kind).versions[0]!.schema;
    for (const step of path.split('.')) current = step === '[]' ? current?.items : current?.properties?.[step];
    return current?.default;
  };
  const cases: [string, string, string, unknown][] = [
    ['apps', 'Deployment', 'spec.replicas', 1],
    ['apps', 'Deployment', 'spec.revisionHistoryLimit', 10],
    ['apps', 'Deployment', 'spec.progressDeadlineSeconds', 600],
    ['apps', 'Deployment', 'spec.strategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }],
    ['', 'Pod', 'spec.restartPolicy', 'Always'],
    ['', 'Pod', 'spec.dnsPolicy', 'ClusterFirst'],
    ['', 'Pod', 'spec.terminationGracePeriodSeconds', 30],
    ['', 'Pod', 'spec.schedulerName', 'default-scheduler'],
    ['', 'Pod', 'spec.containers.[].terminationMessagePath', '/dev/termination-log'],
    ['', 'Pod', 'spec.containers.[].terminationMessagePolicy', 'File'],
    ['', 'Pod', 'spec.containers.[].ports.[].protocol', 'TCP'],
    ['', 'Pod', 'spec.containers.[].livenessProbe.periodSeconds', 10],
    ['', 'Service', 'spec.type', 'ClusterIP'],
    ['', 'Service', 'spec.sessionAffinity', 'None'],
    ['', 'Service', 'spec.ports.[].protocol', 'TCP'],
    ['', 'Secret', 'type', 'Opaque'],
    ['batch', 'Job', 'spec.parallelism', 1],
    ['batch', 'Job', 'spec.backoffLimit', 6],
    ['batch', 'CronJob', 'spec.concurrencyPolicy', 'Allow'],
    ['apps', 'StatefulSet', 'spec.podManagementPolicy', 'OrderedReady'],
    ['apps', 'DaemonSet', 'spec.updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }],
    ['storage.k8s.io', 'StorageClass', 'reclaimPolicy', 'Delete'],
    ['apiextensions.k8s.io', 'CustomResourceDefinition', 'spec.conversion', { strategy: 'None' }],
  ];
  for (const [group, kind, path, expected] of cases) assert.deepEqual(at(group, kind, path), expected, `${kind} ${path}`);
  assert.equal(at('', 'Pod', 'spec.containers.[].imagePullPolicy'), undefined, 'depends on the image tag, not static');
});

test('required fields follow upstream validation', () => {
  const required = (group: string, kind: string, ...path: string[]) => {
    let current = find(group, kind).versions[0]!.schema;
    for (const step of path) current = step === '[]' ? current.items! : current.properties![step]!;
    return current.required ?? [];
  };
  assert.deepEqual(required('apps', 'Deployment', 'spec'), ['selector', 'template']);
  assert.deepEqual(required('', 'Pod', 'spec'), ['containers']);
  assert.deepEqual(required('', 'Pod', 'spec', 'containers', '[]'), ['name']);
  assert.deepEqual(required('', 'Service', 'spec', 'ports', '[]'), ['port']);
  assert.deepEqual(required('', 'Event'), ['involvedObject']);
  assert.deepEqual(required('apiextensions.k8s.io', 'CustomResourceDefinition', 'spec'), ['group', 'names', 'scope', 'versions']);
  assert.deepEqual(required('apiextensions.k8s.io', 'CustomResourceDefinition', 'spec', 'names'), ['plural', 'kind']);
  assert.deepEqual(
    find('apiextensions.k8s.io', 'CustomResourceDefinition').versions[0]!.schema.properties!.spec!.properties!.versions!.items!
      .properties!.schema!.properties!.openAPIV3Schema,
    { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, description: 'Structural OpenAPI v3 schema of the resource.' },
  );
});

test('field selectors are the ones upstream accepts', () => {
  const selectors = Object.fromEntries(builtinKinds.filter((d) => d.fieldSelectors).map((d) => [id(d), Object.keys(d.fieldSelectors!).sort()]));
  assert.deepEqual(selectors, {
    'core/Pod': [
      'spec.host', 'spec.hostNetwork', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName',
      'status.nominatedNodeName', 'status.phase', 'status.podIP',
    ],
    'core/Event': [
      'involvedObject.apiVersion', 'involvedObject.fieldPath', 'involvedObject.kind', 'involvedObject.name',
      'involvedObject.namespace', 'involvedObject.resourceVersion', 'involvedObject.uid', 'reason', 'reportingComponent',
      'source', 'type',
    ],
    'events.k8s.io/Event': [
      'reason', 'regarding.apiVersion', 'regarding.fieldPath', 'regarding.kind', 'regarding.name', 'regarding.namespace',
      'regarding.resourceVersion', 'regarding.uid', 'reportingController', 'source', 'type',
    ],
    'core/Secret': ['type'],
    'core/Service': ['spec.clusterIP', 'spec.type'],
    'core/Node': ['spec.unschedulable'],
    'core/Namespace': ['status.phase'],
    'apps/ReplicaSet': ['status.replicas'],
    'batch/Job': ['status.successful'],
  });
});
