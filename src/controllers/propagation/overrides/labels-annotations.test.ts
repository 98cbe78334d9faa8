import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch } from '../../../machinery/jsonpatch.js';
import type { KubeObject } from '../../../machinery/object.js';
import { corpusDocument, corpusSkip } from '../matching/test-corpus.js';
import { annotationsPatches, labelsPatches } from './labels-annotations.js';
import type { LabelAnnotationOverrider, OverridePolicyObject, PatchOp } from './types.js';

const object = (labels?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...(labels ? { labels } : {}) } });

const cases: { name: string; object: KubeObject; rule: LabelAnnotationOverrider; want: PatchOp[] }[] = [
  { name: 'add sets keys in sorted order', object: object({ a: '1' }), rule: { operator: 'add', value: { z: '26', b: '2' } }, want: [{ op: 'add', path: '/metadata/labels/b', value: '2' }, { op: 'add', path: '/metadata/labels/z', value: '26' }] },
  { name: 'add overwrites an existing key', object: object({ a: '1' }), rule: { operator: 'add', value: { a: '2' } }, want: [{ op: 'add', path: '/metadata/labels/a', value: '2' }] },
  {
    name: 'add creates the map first when absent',
    object: object(),
    rule: { operator: 'add', value: { env: 'dev', tier: 'web' } },
    want: [{ op: 'add', path: '/metadata/labels', value: {} }, { op: 'add', path: '/metadata/labels/env', value: 'dev' }, { op: 'add', path: '/metadata/labels/tier', value: 'web' }],
  },
  { name: 'add with no values does nothing', object: object(), rule: { operator: 'add', value: {} }, want: [] },
  { name: 'replace only existing keys', object: object({ a: '1' }), rule: { operator: 'replace', value: { a: 'x', b: 'y' } }, want: [{ op: 'replace', path: '/metadata/labels/a', value: 'x' }] },
  { name: 'remove only existing keys', object: object({ a: '1', b: '2' }), rule: { operator: 'remove', value: { b: 'ignored', c: '' } }, want: [{ op: 'remove', path: '/metadata/labels/b' }] },
  { name: 'remove on an object without labels', object: object(), rule: { operator: 'remove', value: { a: '' } }, want: [] },
  {
    name: 'keys with "/" and "~" are escaped',
    object: object({ 'app.kubernetes.io/name': 'web' }),
    rule: { operator: 'replace', value: { 'app.kubernetes.io/name': 'api' } },
    want: [{ op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'api' }],
  },
  { name: 'tilde key', object: object(), rule: { operator: 'add', value: { 'a~b': 'v' } }, want: [{ op: 'add', path: '/metadata/labels', value: {} }, { op: 'add', path: '/metadata/labels/a~0b', value: 'v' }] },
];

for (const c of cases) {
  test(`labelsPatches: ${c.name}`, () => assert.deepEqual(labelsPatches(c.object, c.rule), c.want));
}

test('annotationsPatches works on metadata.annotations', () => {
  const o: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { note: 'a' } } };
  assert.deepEqual(annotationsPatches(o, { operator: 'replace', value: { note: 'b' } }), [{ op: 'replace', path: '/metadata/annotations/note', value: 'b' }]);
  const patched = applyJsonPatch(o, annotationsPatches(o, { operator: 'add', value: { 'example.com/owner': 'team-a' } })) as KubeObject;
  assert.deepEqual(patched.metadata.annotations, { note: 'a', 'example.com/owner': 'team-a' });
});

test('karmada nginx OverridePolicy: labelsOverrider entries in sequence', { skip: corpusSkip() }, () => {
  const policy = corpusDocument('karmada/nginx/overridepolicy.yaml', 'OverridePolicy') as OverridePolicyObject;
  const rules = policy.spec.overrideRules![0].overriders!.labelsOverrider!;
  let current: KubeObject = { ...corpusDocument('karmada/nginx/deployment.yaml', 'Deployment') };
  current = { ...current, metadata: { ...current.metadata, labels: { app: 'nginx', for: 'for', bar: 'foo' } } };
  for (const rule of rules) current = applyJsonPatch(current, labelsPatches(current, rule)) as KubeObject;
  assert.deepEqual(current.metadata.labels, { app: 'nginx', bar: 'test', env: 'skoala-dev', 'env-stat': 'skoala-stage' });
});
