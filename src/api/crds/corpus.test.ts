// Every document under ../shared/corpus whose kind the hub serves through a CRD must validate against that
// CRD's schema without losing a field (kubectl applies with fieldValidation=Strict).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../machinery/object.js';
import { isPlainObject } from '../../machinery/object.js';
import type { JSONSchemaProps } from '../../machinery/schema/types.js';
import { hubCrds } from './index.js';

// ---------------------------------------------------------------------------------------------------------
// Reading the corpus.

function projectRootAbove(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** ../shared/corpus beside the project, found from the working directory or else from this file. */
function corpusDir(): string | undefined {
  for (const start of [process.cwd(), dirname(fileURLToPath(import.meta.url))]) {
    const root = projectRootAbove(start);
    const dir = root ? resolve(root, '..', 'shared', 'corpus') : undefined;
    if (dir && existsSync(dir)) return dir;
  }
  return undefined;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** The YAML texts of a file: the whole file for .yaml/.yml, the fenced ```yaml blocks of a .md. */
function yamlTexts(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  if (/\.ya?ml$/.test(path)) return [text];
  if (path.endsWith('.md')) return [...text.matchAll(/```ya?ml\s*\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return [];
}

interface CorpusDocument {
  where: string;
  object: KubeObject;
}

function readCorpus(dir: string): CorpusDocument[] {
  const documents: CorpusDocument[] = [];
  for (const file of filesUnder(dir)) {
    yamlTexts(file).forEach((text, block) => {
      parseAllDocuments(text).forEach((document, index) => {
        const where = `${relative(dir, file)}${block > 0 ? ` block ${block}` : ''} #${index}`;
        assert.deepEqual(document.errors.map(String), [], `${where}: YAML errors`);
        const value: unknown = document.toJS();
        if (value === null || value === undefined) return; // a comment-only document
        assert.ok(isPlainObject(value) && isPlainObject(value.metadata), `${where}: not a Kubernetes object`);
        documents.push({ where, object: value as KubeObject });
      });
    });
  }
  return documents;
}

// ---------------------------------------------------------------------------------------------------------
// What the hub serves.

/** Groups served by the built-in registry, not by CRDs. */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'coordination.k8s.io',
  'networking.k8s.io',
  'storage.k8s.io',
  'events.k8s.io',
  'apiextensions.k8s.io',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'discovery.k8s.io',
  'node.k8s.io',
  'certificates.k8s.io',
]);

interface Served {
  schema: JSONSchemaProps;
  scope: string;
}

const served = new Map<string, Served>();
for (const crd of hubCrds) {
  const spec = crd.spec as {
    group: string;
    scope: string;
    names: { kind: string };
    versions: { name: string; schema: { openAPIV3Schema: JSONSchemaProps } }[];
  };
  for (const version of spec.versions) {
    served.set(`${spec.group}/${version.name}/${spec.names.kind}`, { schema: version.schema.openAPIV3Schema, scope: spec.scope });
  }
}

function groupVersionOf(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

// ---------------------------------------------------------------------------------------------------------
// A small independent checker: unknown fields, types, enums, required fields, bounds, patterns.

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return false;
  }
}

function schemaProblems(value: unknown, schema: JSONSchemaProps, path: string, root = false): string[] {
  const at = path || '<root>';
  if (value === null) return schema.nullable || (!schema.type && schema['x-kubernetes-preserve-unknown-fields']) ? [] : [`${at}: null`];
  if (schema['x-kubernetes-int-or-string']) {
    return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) ? [] : [`${at}: not int-or-string`];
  }
  if (schema.type && !typeMatches(value, schema.type)) return [`${at}: expected ${schema.type}, got ${JSON.stringify(value)}`];
  const problems: string[] = [];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: below minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: above maximum ${schema.maximum}`);
  }
  if (typeof value === 'string' && schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
    problems.push(`${at}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.items) value.forEach((item, index) => problems.push(...schemaProblems(item, schema.items!, `${path}[${index}]`)));
  }
  if (isPlainObject(value)) {
    for (const name of schema.required ?? []) {
      if (!(name in value) && schema.properties?.[name]?.default === undefined) problems.push(`${at}: missing required field "${name}"`);
    }
    for (const [name, child] of Object.entries(value)) {
      if (root && (name === 'metadata' || name === 'apiVersion' || name === 'kind')) continue;
      const childPath = path ? `${path}.${name}` : name;
      const declared = schema.properties?.[name];
      if (declared) problems.push(...schemaProblems(child, declared, childPath));
      else if (isPlainObject(schema.additionalProperties)) problems.push(...schemaProblems(child, schema.additionalProperties as JSONSchemaProps, childPath));
      else if (schema.additionalProperties !== true && !schema['x-kubernetes-preserve-unknown-fields']) problems.push(`unknown field "${childPath}"`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// The validator under src/machinery/schema, when it has been built.

interface SchemaMachinery {
  validateValue(value: unknown, schema: JSONSchemaProps, path?: string): { message: string; field?: string }[];
  pruneUnknownFields?(value: unknown, schema: JSONSchemaProps, options: { isResourceRoot: boolean }): string[];
}

const MACHINERY_FILES = ['index.js', 'validate.js', 'validation.js', 'prune.js', 'pruning.js'];

/** validateValue (and pruneUnknownFields when it exists) from whichever file under src/machinery/schema has them. */
async function loadMachinery(): Promise<SchemaMachinery | string> {
  let validateValue: SchemaMachinery['validateValue'] | undefined;
  let pruneUnknownFields: SchemaMachinery['pruneUnknownFields'];
  for (const file of MACHINERY_FILES) {
    const url = new URL(`../../machinery/schema/${file}`, import.meta.url);
    if (!existsSync(url)) continue;
    const module: Record<string, unknown> = await import(url.href);
    if (typeof module.validateValue === 'function') validateValue ??= module.validateValue as SchemaMachinery['validateValue'];
    if (typeof module.pruneUnknownFields === 'function') {
      pruneUnknownFields ??= module.pruneUnknownFields as SchemaMachinery['pruneUnknownFields'];
    }
  }
  if (!validateValue) return 'src/machinery/schema has no validateValue yet';
  return { validateValue, pruneUnknownFields };
}

// ---------------------------------------------------------------------------------------------------------

const dir = corpusDir();
const documents = dir ? readCorpus(dir) : [];
const ours = documents.filter(({ object }) => {
  const { group } = groupVersionOf(String(object.apiVersion ?? ''));
  return !BUILT_IN_GROUPS.has(group);
});
const noCorpus = dir ? false : 'no ../shared/corpus beside the project';

test('the corpus is read whole: yaml files, multi-document files and yaml blocks in markdown', { skip: noCorpus }, () => {
  assert.ok(documents.length >= 60, `only ${documents.length} documents`);
  assert.ok(ours.length >= 40, `only ${ours.length} documents for CRD kinds`);
  assert.ok(documents.some(({ where }) => where.endsWith('.md #0')), 'a document from a markdown file');
  assert.ok(documents.some(({ where }) => /#[1-9]/.test(where)), 'later documents of multi-document files');
});

test('every CRD kind in the corpus is served by a hub CRD with the right scope', { skip: noCorpus }, () => {
  for (const { where, object } of ours) {
    const { group, version } = groupVersionOf(String(object.apiVersion));
    const target = served.get(`${group}/${version}/${String(object.kind)}`);
    assert.ok(target, `${where}: no CRD serves ${String(object.apiVersion)} ${String(object.kind)}`);
    if (target.scope === 'Cluster') assert.equal(object.metadata.namespace, undefined, `${where}: namespace on a cluster-scoped kind`);
  }
});

test('every corpus document validates with no unknown field', { skip: noCorpus }, () => {
  for (const { where, object } of ours) {
    const { group, version } = groupVersionOf(String(object.apiVersion));
    const target = served.get(`${group}/${version}/${String(object.kind)}`);
    if (!target) continue; // reported by the test above
    assert.deepEqual(schemaProblems(object, target.schema, '', true), [], `${where} (${String(object.kind)} ${object.metadata.name})`);
  }
});

test('every corpus document passes the schema machinery validator and loses nothing to pruning', { skip: noCorpus }, async (t) => {
  const machinery = await loadMachinery();
  if (typeof machinery === 'string') {
    t.skip(machinery);
    return;
  }
  for (const { where, object } of ours) {
    const { group, version } = groupVersionOf(String(object.apiVersion));
    const target = served.get(`${group}/${version}/${String(object.kind)}`);
    if (!target) continue;
    assert.deepEqual(machinery.validateValue(object, target.schema), [], where);
    if (machinery.pruneUnknownFields) {
      assert.deepEqual(machinery.pruneUnknownFields(structuredClone(object), target.schema, { isResourceRoot: true }), [], where);
    }
  }
  if (!machinery.pruneUnknownFields) t.diagnostic('pruning not checked: src/machinery/schema has no pruneUnknownFields yet');
});

// Malformed objects the schemas must reject (each with the problem the checker has to report).
const malformed: { name: string; object: KubeObject; problem: RegExp; unknownField?: string }[] = [
  {
    name: 'unknown replica scheduling type',
    object: {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'PropagationPolicy',
      metadata: { name: 'p' },
      spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: { replicaScheduling: { replicaSchedulingType: 'Spread' } } },
    },
    problem: /replicaSchedulingType: "Spread" not in/,
  },
  {
    name: 'seed shorthand outside the alias groups',
    object: {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'PropagationPolicy',
      metadata: { name: 'p' },
      spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], placement: { namespaceAffinity: { namespaces: ['a'] } } },
    },
    problem: /unknown field "spec.placement.namespaceAffinity"/,
    unknownField: 'spec.placement.namespaceAffinity',
  },
  {
    name: 'empty resource selectors',
    object: { apiVersion: 'kurator.dev/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'p' }, spec: { resourceSelectors: [] } },
    problem: /resourceSelectors: fewer than 1 items/,
  },
  {
    name: 'misspelt fleet field',
    object: { apiVersion: 'fleet.kurator.dev/v1alpha1', kind: 'Fleet', metadata: { name: 'f' }, spec: { cluster: [] } },
    problem: /unknown field "spec.cluster"/,
    unknownField: 'spec.cluster',
  },
  {
    name: 'attached cluster without a secret name',
    object: { apiVersion: 'cluster.kurator.dev/v1alpha1', kind: 'AttachedCluster', metadata: { name: 'a' }, spec: { kubeconfig: { key: 'k' } } },
    problem: /missing required field "name"/,
  },
  {
    name: 'replicas overrider with a string',
    object: {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'OverridePolicy',
      metadata: { name: 'o' },
      spec: { overrideRules: [{ overriders: { replicasOverrider: { value: 'five' } } }] },
    },
    problem: /replicasOverrider.value: expected integer/,
  },
  {
    name: 'queue weight out of range',
    object: { apiVersion: 'scheduling.volcano.sh/v1beta1', kind: 'Queue', metadata: { name: 'q' }, spec: { weight: 0 } },
    problem: /weight: below minimum 1/,
  },
  {
    name: 'flux interval that is not a duration',
    object: {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'g' },
      spec: { url: 'https://example.com/repo', interval: 'often' },
    },
    problem: /interval: "often" does not match/,
  },
  {
    name: 'rollout metric threshold as text',
    object: {
      apiVersion: 'rollout.kurator.dev/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'r' },
      spec: { workloadRef: { kind: 'Deployment', name: 'd' }, strategy: {}, metrics: [{ name: 'm', thresholdRange: { max: 'low' } }] },
    },
    problem: /thresholdRange.max: expected number/,
  },
];

test('malformed objects are rejected', async (t) => {
  const machinery = await loadMachinery();
  for (const { name, object, problem, unknownField } of malformed) {
    const { group, version } = groupVersionOf(String(object.apiVersion));
    const target = served.get(`${group}/${version}/${String(object.kind)}`);
    assert.ok(target, name);
    const problems = schemaProblems(object, target.schema, '', true);
    assert.ok(problems.some((p) => problem.test(p)), `${name}: got ${JSON.stringify(problems)}`);
    if (typeof machinery === 'string') continue;
    if (unknownField === undefined) {
      assert.notDeepEqual(machinery.validateValue(object, target.schema), [], `${name}: validator accepted it`);
    } else if (machinery.pruneUnknownFields) {
      // Unknown fields are not a validation error: pruning drops them and strict field validation reports them.
      const removed = machinery.pruneUnknownFields(structuredClone(object), target.schema, { isResourceRoot: true });
      assert.ok(removed.some((path) => path.replace(/^\./, '') === unknownField), `${name}: pruned ${JSON.stringify(removed)}`);
    }
  }
  if (typeof machinery === 'string') t.diagnostic(`validator not checked: ${machinery}`);
});
