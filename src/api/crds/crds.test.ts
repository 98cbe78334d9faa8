import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../machinery/object.js';
import { isPlainObject } from '../../machinery/object.js';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import { crdsForExternalClusters, hubCrds, pluralOf } from './index.js';

interface CrdVersionObject {
  name: string;
  served: boolean;
  storage: boolean;
  schema: { openAPIV3Schema: JSONSchemaProps };
  subresources?: { status?: object; scale?: object };
  additionalPrinterColumns?: { name: string; type: string; jsonPath: string; priority?: number }[];
}
interface CrdSpecObject {
  group: string;
  scope: string;
  names: { kind: string; listKind: string; plural: string; singular: string; shortNames?: string[]; categories?: string[] };
  versions: CrdVersionObject[];
}

const specOf = (crd: KubeObject): CrdSpecObject => crd.spec as CrdSpecObject;
const nameOf = (crd: KubeObject): string => crd.metadata.name ?? '<unnamed>';

function findCrd(group: string, kind: string): CrdSpecObject {
  const crd = hubCrds.find((c) => specOf(c).group === group && specOf(c).names.kind === kind);
  assert.ok(crd, `no CRD for ${kind}.${group}`);
  return specOf(crd);
}

/** The keys apiextensions.k8s.io/v1 JSONSchemaProps accepts (a real kube-apiserver rejects any other). */
const CRD_SCHEMA_KEYS = new Set([
  'type', 'format', 'title', 'description', 'properties', 'additionalProperties', 'items', 'required', 'enum', 'pattern',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minItems',
  'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'nullable', 'default', 'example', 'allOf', 'anyOf', 'oneOf',
  'not', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-validations',
]);

/** Every structural-schema problem under `schema`, as "path: problem" strings. */
function structuralProblems(schema: JSONSchemaProps, path: string, problems: string[]): void {
  for (const key of Object.keys(schema)) if (!CRD_SCHEMA_KEYS.has(key)) problems.push(`${path}: "${key}" is not a CRD schema keyword`);
  const free = schema['x-kubernetes-preserve-unknown-fields'] === true || schema['x-kubernetes-int-or-string'] === true;
  if (!schema.type && !free) problems.push(`${path}: no type`);
  if (schema.properties && schema.type !== 'object') problems.push(`${path}: properties without type object`);
  if (schema.properties && schema.additionalProperties !== undefined) problems.push(`${path}: both properties and additionalProperties`);
  if (schema.type === 'array' && !schema.items) problems.push(`${path}: array without items`);
  for (const name of schema.required ?? []) {
    if (!schema.properties?.[name]) problems.push(`${path}: required "${name}" is not a property`);
  }
  if (schema.pattern !== undefined) {
    try {
      new RegExp(schema.pattern, 'u');
    } catch (err) {
      problems.push(`${path}: pattern does not compile: ${String(err)}`);
    }
  }
  for (const value of schema.enum ?? []) {
    if (schema.type === 'string' && typeof value !== 'string') problems.push(`${path}: enum value ${String(value)} is not a string`);
  }
  if (schema.default !== undefined && schema.type) {
    const kind = Array.isArray(schema.default) ? 'array' : typeof schema.default === 'object' ? 'object' : typeof schema.default;
    const expected = schema.type === 'integer' ? 'number' : schema.type;
    if (kind !== expected) problems.push(`${path}: default ${JSON.stringify(schema.default)} is not ${schema.type}`);
    if (schema.enum && !schema.enum.includes(schema.default)) problems.push(`${path}: default not in enum`);
  }
  if (schema['x-kubernetes-list-type'] === 'map') {
    const item = schema.items;
    for (const key of schema['x-kubernetes-list-map-keys'] ?? []) {
      const declared = item?.properties?.[key];
      if (!declared) problems.push(`${path}: list-map key "${key}" is not an item property`);
      else if (!item?.required?.includes(key) && declared.default === undefined) problems.push(`${path}: list-map key "${key}" neither required nor defaulted`);
    }
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) structuralProblems(child, `${path}.${name}`, problems);
  if (isPlainObject(schema.additionalProperties)) structuralProblems(schema.additionalProperties as JSONSchemaProps, `${path}[*]`, problems);
  if (schema.items) structuralProblems(schema.items, `${path}[]`, problems);
  for (const branch of schema.anyOf ?? []) if (branch.properties) problems.push(`${path}: anyOf branch declares properties`);
}

/** Whether a printer-column path such as .status.conditions[?(@.type=="Ready")].status names schema fields. */
function columnPathExists(schema: JSONSchemaProps, jsonPath: string): boolean {
  const segments = jsonPath
    .replace(/\[\?\(.*?\)\]/g, '[]')
    .replace(/\[\*\]/g, '[]')
    .split('.')
    .slice(1);
  let node: JSONSchemaProps | undefined = schema;
  for (const raw of segments) {
    const field = raw.replace(/\[\]$/, '');
    if (!node) return false;
    if (node['x-kubernetes-preserve-unknown-fields'] && !node.properties?.[field]) return true;
    node = node.properties?.[field];
    if (node && raw.endsWith('[]')) node = node.items;
  }
  return node !== undefined;
}

test('every CRD is named, scoped and versioned consistently', () => {
  assert.ok(hubCrds.length > 40, `only ${hubCrds.length} CRDs`);
  for (const crd of hubCrds) {
    const spec = specOf(crd);
    const label = nameOf(crd);
    assert.equal(crd.apiVersion, 'apiextensions.k8s.io/v1', label);
    assert.equal(crd.kind, 'CustomResourceDefinition', label);
    assert.equal(crd.metadata.name, `${spec.names.plural}.${spec.group}`, label);
    assert.equal(spec.names.listKind, `${spec.names.kind}List`, label);
    assert.equal(spec.names.singular, spec.names.kind.toLowerCase(), label);
    assert.match(spec.names.plural, /^[a-z0-9]+$/, label);
    assert.ok(spec.scope === 'Namespaced' || spec.scope === 'Cluster', label);
    assert.equal(spec.versions.filter((v) => v.storage).length, 1, `${label}: exactly one storage version`);
    assert.ok(spec.versions.every((v) => v.served), `${label}: every version served`);
    assert.equal(new Set(spec.versions.map((v) => v.name)).size, spec.versions.length, `${label}: duplicate version`);
    for (const version of spec.versions) assert.match(version.name, /^v[0-9]+((alpha|beta)[0-9]+)?$/, `${label} ${version.name}`);
  }
});

test('kinds, resources and short names are unique across the hub', () => {
  const seen = new Map<string, string>();
  const claim = (key: string, owner: string) => {
    assert.ok(!seen.has(key), `${key} claimed by ${seen.get(key)} and ${owner}`);
    seen.set(key, owner);
  };
  for (const crd of hubCrds) {
    const spec = specOf(crd);
    claim(`kind ${spec.group}/${spec.names.kind}`, nameOf(crd));
    claim(`resource ${spec.group}/${spec.names.plural}`, nameOf(crd));
    for (const shortName of spec.names.shortNames ?? []) claim(`shortName ${shortName}`, nameOf(crd));
  }
});

test('every schema is structural and every node with properties is an object', () => {
  for (const crd of hubCrds) {
    for (const version of specOf(crd).versions) {
      const root = version.schema.openAPIV3Schema;
      const problems: string[] = [];
      structuralProblems(root, '', problems);
      assert.deepEqual(problems, [], `${nameOf(crd)} ${version.name}`);
      assert.equal(root.type, 'object', nameOf(crd));
      assert.ok(root.description, `${nameOf(crd)}: no description for kubectl explain`);
      assert.deepEqual(root.properties?.metadata, { type: 'object' }, `${nameOf(crd)}: root metadata must stay {type: object}`);
      assert.deepEqual(root.properties?.apiVersion, { type: 'string' });
      assert.deepEqual(root.properties?.kind, { type: 'string' });
    }
  }
});

test('a status subresource exactly where the schema has status', () => {
  for (const crd of hubCrds) {
    for (const version of specOf(crd).versions) {
      const hasStatus = Boolean(version.schema.openAPIV3Schema.properties?.status);
      assert.equal(Boolean(version.subresources?.status), hasStatus, `${nameOf(crd)} ${version.name}`);
    }
  }
});

test('printer columns have valid types and paths that the schema declares', () => {
  const types = new Set(['string', 'integer', 'number', 'boolean', 'date']);
  for (const crd of hubCrds) {
    for (const version of specOf(crd).versions) {
      for (const column of version.additionalPrinterColumns ?? []) {
        const label = `${nameOf(crd)} ${version.name} column ${column.name}`;
        assert.ok(column.jsonPath.startsWith('.'), label);
        assert.ok(types.has(column.type), label);
        if (column.jsonPath !== '.metadata.creationTimestamp') {
          assert.ok(columnPathExists(version.schema.openAPIV3Schema, column.jsonPath), `${label}: ${column.jsonPath} not in schema`);
        }
      }
    }
  }
});

test('names, scopes, short names and columns match upstream', () => {
  const cases: { group: string; kind: string; plural: string; scope: string; shortNames?: string[]; columns?: string[] }[] = [
    { group: 'policy.karmada.io', kind: 'PropagationPolicy', plural: 'propagationpolicies', scope: 'Namespaced', shortNames: ['pp'], columns: ['CONFLICT-RESOLUTION', 'PRIORITY', 'AGE'] },
    { group: 'policy.karmada.io', kind: 'ClusterPropagationPolicy', plural: 'clusterpropagationpolicies', scope: 'Cluster', shortNames: ['cpp'] },
    { group: 'policy.karmada.io', kind: 'OverridePolicy', plural: 'overridepolicies', scope: 'Namespaced', shortNames: ['op'] },
    { group: 'policy.karmada.io', kind: 'ClusterOverridePolicy', plural: 'clusteroverridepolicies', scope: 'Cluster', shortNames: ['cop'] },
    { group: 'work.karmada.io', kind: 'ResourceBinding', plural: 'resourcebindings', scope: 'Namespaced', shortNames: ['rb'], columns: ['SCHEDULED', 'FULLYAPPLIED', 'AGE'] },
    { group: 'work.karmada.io', kind: 'ClusterResourceBinding', plural: 'clusterresourcebindings', scope: 'Cluster', shortNames: ['crb'] },
    { group: 'work.karmada.io', kind: 'Work', plural: 'works', scope: 'Namespaced', shortNames: ['wk'], columns: ['WORKLOAD-KIND', 'APPLIED', 'AGE'] },
    { group: 'fleet.kurator.dev', kind: 'Fleet', plural: 'fleets', scope: 'Namespaced', columns: ['PHASE', 'READY', 'UNREADY', 'Age'] },
    { group: 'cluster.kurator.dev', kind: 'AttachedCluster', plural: 'attachedclusters', scope: 'Namespaced', columns: ['READY', 'VERSION', 'Age'] },
    { group: 'policy.kurator.dev', kind: 'ClusterPropagationPolicy', plural: 'clusterpropagationpolicies', scope: 'Cluster' },
    { group: 'kurator.dev', kind: 'PropagationPolicy', plural: 'propagationpolicies', scope: 'Namespaced' },
    { group: 'scheduling.volcano.sh', kind: 'Queue', plural: 'queues', scope: 'Cluster', shortNames: ['q', 'queue-v1beta1'] },
    { group: 'scheduling.volcano.sh', kind: 'PodGroup', plural: 'podgroups', scope: 'Namespaced', shortNames: ['pg', 'podgroup-v1beta1'] },
    { group: 'batch.volcano.sh', kind: 'Job', plural: 'jobs', scope: 'Namespaced', shortNames: ['vcjob', 'vj'] },
    { group: 'kyverno.io', kind: 'ClusterPolicy', plural: 'clusterpolicies', scope: 'Cluster', shortNames: ['cpol'] },
    { group: 'wgpolicyk8s.io', kind: 'PolicyReport', plural: 'policyreports', scope: 'Namespaced', shortNames: ['polr'] },
    { group: 'flagger.app', kind: 'Canary', plural: 'canaries', scope: 'Namespaced' },
    { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', plural: 'gitrepositories', scope: 'Namespaced', shortNames: ['gitrepo'] },
    { group: 'monitoring.coreos.com', kind: 'ServiceMonitor', plural: 'servicemonitors', scope: 'Namespaced', shortNames: ['smon'] },
    { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicy', plural: 'validatingadmissionpolicies', scope: 'Cluster' },
  ];
  for (const expected of cases) {
    const spec = findCrd(expected.group, expected.kind);
    const label = `${expected.kind}.${expected.group}`;
    assert.equal(spec.names.plural, expected.plural, label);
    assert.equal(spec.scope, expected.scope, label);
    if (expected.shortNames) assert.deepEqual(spec.names.shortNames, expected.shortNames, label);
    if (expected.columns) {
      const storage = spec.versions.find((v) => v.storage);
      assert.deepEqual(storage?.additionalPrinterColumns?.map((c) => c.name), expected.columns, label);
    }
  }
});

test('versions served and stored as upstream', () => {
  const cases: { group: string; kind: string; versions: string[]; storage: string }[] = [
    { group: 'networking.istio.io', kind: 'VirtualService', versions: ['v1alpha3', 'v1beta1', 'v1'], storage: 'v1alpha3' },
    { group: 'networking.istio.io', kind: 'DestinationRule', versions: ['v1alpha3', 'v1beta1', 'v1'], storage: 'v1alpha3' },
    { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', versions: ['v2beta1', 'v2beta2', 'v2'], storage: 'v2' },
    { group: 'work.karmada.io', kind: 'ResourceBinding', versions: ['v1alpha2'], storage: 'v1alpha2' },
    { group: 'work.karmada.io', kind: 'Work', versions: ['v1alpha1'], storage: 'v1alpha1' },
  ];
  for (const expected of cases) {
    const spec = findCrd(expected.group, expected.kind);
    assert.deepEqual(spec.versions.map((v) => v.name), expected.versions, expected.kind);
    assert.equal(spec.versions.find((v) => v.storage)?.name, expected.storage, expected.kind);
  }
});

test('kurator kinds are in the kurator categories; karmada kinds in karmada-io', () => {
  for (const crd of hubCrds) {
    const spec = specOf(crd);
    if (spec.group.endsWith('kurator.dev')) assert.deepEqual(spec.names.categories, ['kurator', 'kurator-dev'], nameOf(crd));
    if (spec.group.endsWith('karmada.io')) assert.deepEqual(spec.names.categories, ['karmada-io'], nameOf(crd));
  }
});

test('karmada defaults and enums are in the schema', () => {
  const spec = findCrd('policy.karmada.io', 'PropagationPolicy').versions[0]!.schema.openAPIV3Schema.properties!.spec!;
  const replicaScheduling = spec.properties!.placement!.properties!.replicaScheduling!;
  assert.equal(replicaScheduling.properties!.replicaSchedulingType!.default, 'Divided');
  assert.deepEqual(replicaScheduling.properties!.replicaSchedulingType!.enum, ['Duplicated', 'Divided']);
  assert.equal(spec.properties!.conflictResolution!.default, 'Abort');
  assert.equal(spec.properties!.preemption!.default, 'Never');
  assert.equal(spec.properties!.priority!.default, 0);
  assert.equal(spec.properties!.resourceSelectors!.minItems, 1);
  assert.equal(replicaScheduling.properties!.type, undefined, 'seed shorthand only in the alias groups');

  const alias = findCrd('policy.kurator.dev', 'ClusterPropagationPolicy').versions[0]!.schema.openAPIV3Schema.properties!.spec!;
  const aliasScheduling = alias.properties!.placement!.properties!.replicaScheduling!;
  assert.deepEqual(aliasScheduling.properties!.type!.enum, ['Duplicated', 'Divided', 'Weighted', 'Aggregated']);
  assert.equal(aliasScheduling.properties!.replicaSchedulingType!.default, undefined, 'no default that could contradict `type`');
  assert.ok(alias.properties!.placement!.properties!.namespaceAffinity);
});

test('pluralOf follows the CRD naming conventions', () => {
  const cases: [string, string][] = [
    ['Fleet', 'fleets'],
    ['PropagationPolicy', 'propagationpolicies'],
    ['GitRepository', 'gitrepositories'],
    ['Canary', 'canaries'],
    ['Gateway', 'gateways'],
    ['ServiceSLO', 'serviceslos'],
    ['Queue', 'queues'],
    ['Status', 'statuses'],
  ];
  for (const [kind, plural] of cases) assert.equal(pluralOf(kind), plural, kind);
});

test('CRDs for an existing cluster leave out the groups a real kube-apiserver serves itself', () => {
  const groups = new Set(crdsForExternalClusters.map((crd) => specOf(crd).group));
  assert.ok(!groups.has('admissionregistration.k8s.io'));
  assert.ok(groups.has('fleet.kurator.dev') && groups.has('infrastructure.cluster.x-k8s.io'));
  assert.equal(crdsForExternalClusters.length, hubCrds.length - 2);
});
