import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { imagePatches } from './image.js';
import { OverrideError, type ImageOverrider, type PatchOp } from './types.js';

// Vectors from Karmada's imageoverride_test.go, plus CronJob and failure cases.

const SHA = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';
const IMAGE = 'fictional.registry.example/imagename:v1.0.0';
const TEMPLATE = '/spec/template/spec/containers/0/image';

const withTemplate = (kind: string, apiVersion: string, images: string[]): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'x' },
  spec: { template: { spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) } } },
});
const deployment = (...images: string[]) => withTemplate('Deployment', 'apps/v1', images.length ? images : [IMAGE]);
const job = withTemplate('Job', 'batch/v1', ['perl:5.34.0']);
const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'nginx', image: IMAGE }] } };
const cronJob: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'c' },
  spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } } },
};
const replace = (path: string, value: string): PatchOp => ({ op: 'replace', path, value });

const cases: { name: string; object: KubeObject; rule: ImageOverrider; want: PatchOp[] }[] = [
  { name: 'Job, Registry add', object: job, rule: { component: 'Registry', operator: 'add', value: 'registry.k8s.io' }, want: [replace(TEMPLATE, 'registry.k8s.io/perl:5.34.0')] },
  {
    name: 'Job, predicate, Registry add',
    object: job,
    rule: { predicate: { path: TEMPLATE }, component: 'Registry', operator: 'add', value: 'registry.k8s.io' },
    want: [replace(TEMPLATE, 'registry.k8s.io/perl:5.34.0')],
  },
  { name: 'Deployment, Registry add appends', object: deployment(), rule: { component: 'Registry', operator: 'add', value: '.test' }, want: [replace(TEMPLATE, 'fictional.registry.example.test/imagename:v1.0.0')] },
  { name: 'Deployment, Registry replace', object: deployment(), rule: { component: 'Registry', operator: 'replace', value: 'fictional.registry.us' }, want: [replace(TEMPLATE, 'fictional.registry.us/imagename:v1.0.0')] },
  { name: 'Deployment, Registry remove', object: deployment(), rule: { component: 'Registry', operator: 'remove', value: 'ignored' }, want: [replace(TEMPLATE, 'imagename:v1.0.0')] },
  { name: 'Deployment, Repository add', object: deployment(), rule: { component: 'Repository', operator: 'add', value: '/nginx' }, want: [replace(TEMPLATE, 'fictional.registry.example/imagename/nginx:v1.0.0')] },
  { name: 'Deployment, Repository replace', object: deployment(), rule: { component: 'Repository', operator: 'replace', value: 'nginx' }, want: [replace(TEMPLATE, 'fictional.registry.example/nginx:v1.0.0')] },
  { name: 'Deployment, Repository remove', object: deployment(), rule: { component: 'Repository', operator: 'remove' }, want: [replace(TEMPLATE, 'fictional.registry.example/:v1.0.0')] },
  { name: 'Deployment, Tag add of a digest is ignored', object: deployment(), rule: { component: 'Tag', operator: 'add', value: SHA }, want: [replace(TEMPLATE, IMAGE)] },
  { name: 'Deployment, Tag add suffix', object: deployment(), rule: { component: 'Tag', operator: 'add', value: '-alpine' }, want: [replace(TEMPLATE, 'fictional.registry.example/imagename:v1.0.0-alpine')] },
  { name: 'Deployment, Tag replace with a digest', object: deployment(), rule: { component: 'Tag', operator: 'replace', value: SHA }, want: [replace(TEMPLATE, `fictional.registry.example/imagename@${SHA}`)] },
  { name: 'Deployment, Tag remove', object: deployment(), rule: { component: 'Tag', operator: 'remove' }, want: [replace(TEMPLATE, 'fictional.registry.example/imagename')] },
  { name: 'Pod', object: pod, rule: { component: 'Repository', operator: 'replace', value: 'nginx' }, want: [replace('/spec/containers/0/image', 'fictional.registry.example/nginx:v1.0.0')] },
  ...['StatefulSet', 'ReplicaSet', 'DaemonSet'].map((kind) => ({
    name: kind,
    object: withTemplate(kind, 'apps/v1', [IMAGE]),
    rule: { component: 'Repository', operator: 'replace', value: 'nginx' } as ImageOverrider,
    want: [replace(TEMPLATE, 'fictional.registry.example/nginx:v1.0.0')],
  })),
  {
    name: 'two containers, both rewritten',
    object: deployment(IMAGE, 'registry.k8s.io/nginx-slim:0.8'),
    rule: { component: 'Repository', operator: 'replace', value: 'nginx' },
    want: [replace(TEMPLATE, 'fictional.registry.example/nginx:v1.0.0'), replace('/spec/template/spec/containers/1/image', 'registry.k8s.io/nginx:0.8')],
  },
  {
    name: 'predicate picks one container of two',
    object: deployment(IMAGE, 'registry.k8s.io/nginx-slim:0.8'),
    rule: { predicate: { path: '/spec/template/spec/containers/1/image' }, component: 'Repository', operator: 'replace', value: 'nginx' },
    want: [replace('/spec/template/spec/containers/1/image', 'registry.k8s.io/nginx:0.8')],
  },
  {
    name: 'CronJob job template',
    object: cronJob,
    rule: { component: 'Registry', operator: 'replace', value: 'mirror.example.com' },
    want: [replace('/spec/jobTemplate/spec/template/spec/containers/0/image', 'mirror.example.com/busybox:1.36')],
  },
  { name: 'kind without known image paths', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, rule: { component: 'Tag', operator: 'replace', value: 'v2' }, want: [] },
  { name: 'Deployment without containers', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: {} }, rule: { component: 'Tag', operator: 'replace', value: 'v2' }, want: [] },
  {
    name: 'predicate on any kind',
    object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { runtime: { image: 'app:v1' } } },
    rule: { predicate: { path: '/spec/runtime/image' }, component: 'Tag', operator: 'replace', value: 'v2' },
    want: [replace('/spec/runtime/image', 'app:v2')],
  },
];

for (const c of cases) {
  test(`imagePatches: ${c.name}`, () => assert.deepEqual(imagePatches(c.object, c.rule), c.want));
}

const failures: { name: string; object: KubeObject; rule: ImageOverrider; message: RegExp }[] = [
  { name: 'invalid image', object: deployment('Bad:Image'), rule: { component: 'Tag', operator: 'replace', value: 'v2' }, message: /failed to parse image value\(Bad:Image\), error: repository name must be lowercase/ },
  {
    name: 'container without image',
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } },
    rule: { component: 'Tag', operator: 'replace', value: 'v2' },
    message: /repository name must have at least one component/,
  },
  { name: 'predicate path missing', object: deployment(), rule: { predicate: { path: '/spec/template/spec/containers/5/image' }, component: 'Tag', operator: 'remove' }, message: /predicate path/ },
  { name: 'predicate path not a string', object: deployment(), rule: { predicate: { path: '/spec/template/spec/containers' }, component: 'Tag', operator: 'remove' }, message: /predicate path/ },
  { name: 'predicate path without leading slash', object: deployment(), rule: { predicate: { path: 'spec/template' }, component: 'Tag', operator: 'remove' }, message: /start with \// },
  { name: 'unknown component', object: deployment(), rule: { component: 'Digest' as never, operator: 'remove' }, message: /unsupported image component\(Digest\)/ },
];

for (const c of failures) {
  test(`imagePatches fails: ${c.name}`, () => {
    assert.throws(() => imagePatches(c.object, c.rule), (err: unknown) => err instanceof OverrideError && c.message.test(err.message));
  });
}
