import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { corpusDocument, corpusSkip } from '../matching/test-corpus.js';
import type { ClusterFacts } from '../matching/types.js';
import { applyOverrides, type OverridePolicies } from './apply.js';
import type { OverridePolicyObject, OverrideSpec } from './types.js';

const cluster = (name: string, labels: Record<string, string> = {}, extra: Partial<ClusterFacts> = {}): ClusterFacts => ({ name, labels, ...extra });

/** The seed 01 workload the gateway policies select (the seed shows only the policies). */
const edgeGateway = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'edge-gateway', namespace: 'gateway', labels: { app: 'edge-gateway' } },
  spec: {
    replicas: 4,
    selector: { matchLabels: { app: 'edge-gateway' } },
    template: {
      metadata: { labels: { app: 'edge-gateway' } },
      spec: { containers: [{ name: 'gateway', image: 'registry.example.com/edge/gateway:2.1', env: [{ name: 'UPSTREAM_URL', value: 'https://gw.example.com' }] }] },
    },
  },
});

const op = (name: string, namespace: string | undefined, spec: OverrideSpec, apiVersion = 'policy.karmada.io/v1alpha1'): OverridePolicyObject => ({
  apiVersion,
  kind: namespace ? 'OverridePolicy' : 'ClusterOverridePolicy',
  metadata: namespace ? { name, namespace } : { name },
  spec,
});
const D = { apiVersion: 'apps/v1', kind: 'Deployment' };
const spec = (o: KubeObject) => o.spec as Record<string, unknown> & { replicas?: number; template: { spec: { containers: Record<string, unknown>[] } } };

test('seed 01: per-cluster replicas and the env override on cluster-oversea', { skip: corpusSkip() }, () => {
  const policy = corpusDocument('seeds/01-gateway-propagation.yaml', 'OverridePolicy') as OverridePolicyObject;
  const template = edgeGateway();
  const before = structuredClone(template);
  const expectations = [
    { cluster: 'cluster-prod-main', replicas: 5, url: 'https://gw.example.com' },
    { cluster: 'cluster-prod-backup', replicas: 2, url: 'https://gw.example.com' },
    { cluster: 'cluster-oversea', replicas: 3, url: 'https://gw-oversea.example.com' },
    { cluster: 'cluster-lab', replicas: 4, url: 'https://gw.example.com' },
  ];
  for (const e of expectations) {
    const result = applyOverrides(template, cluster(e.cluster), { cluster: [], namespaced: [policy] });
    assert.deepEqual(result.errors, [], e.cluster);
    assert.equal(spec(result.object).replicas, e.replicas, e.cluster);
    assert.deepEqual(spec(result.object).template.spec.containers[0].env, [{ name: 'UPSTREAM_URL', value: e.url }], e.cluster);
    assert.equal(result.applied.length, e.cluster === 'cluster-lab' ? 0 : 1, e.cluster);
  }
  const oversea = applyOverrides(template, cluster('cluster-oversea'), { cluster: [], namespaced: [policy] });
  assert.deepEqual(oversea.applied, [{ policy: 'gw-override', namespace: 'gateway', overriders: policy.spec.overrideRules![2].overriders }]);
  assert.deepEqual(template, before, 'the template is not modified');
});

test('seed 01: the env override fails visibly on a workload without env', { skip: corpusSkip() }, () => {
  const policy = corpusDocument('seeds/01-gateway-propagation.yaml', 'OverridePolicy') as OverridePolicyObject;
  const template = edgeGateway();
  delete spec(template).template.spec.containers[0].env;
  const result = applyOverrides(template, cluster('cluster-oversea'), { cluster: [], namespaced: [policy] });
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].policy, 'gw-override');
  assert.match(result.errors[0].message, /^plaintext: .*env/);
  // The failing policy is skipped as a whole: its replicasOverrider in the same rule is not kept either.
  assert.equal(spec(result.object).replicas, 4);
  assert.deepEqual(result.applied, []);
});

test('karmada nginx OverridePolicy: labels on member2, annotations on member1, nothing elsewhere', { skip: corpusSkip() }, () => {
  const policy = corpusDocument('karmada/nginx/overridepolicy.yaml', 'OverridePolicy') as OverridePolicyObject;
  const sample = corpusDocument('karmada/nginx/deployment.yaml', 'Deployment');
  // Both land in the namespace they are applied to.
  const inDefault = { ...policy, metadata: { ...policy.metadata, namespace: 'default' } };
  const template: KubeObject = { ...sample, metadata: { ...sample.metadata, namespace: 'default', labels: { app: 'nginx', for: 'for' }, annotations: { bom: 'bom', emma: 'olivia' } } };
  const policies: OverridePolicies = { cluster: [], namespaced: [inDefault] };

  const member2 = applyOverrides(template, cluster('member2'), policies).object;
  assert.deepEqual(member2.metadata.labels, { app: 'nginx', env: 'skoala-dev', 'env-stat': 'skoala-stage' });
  assert.deepEqual(member2.metadata.annotations, { bom: 'bom', emma: 'olivia' });

  const member1 = applyOverrides(template, cluster('member1'), policies).object;
  assert.deepEqual(member1.metadata.labels, { app: 'nginx', for: 'for' });
  assert.deepEqual(member1.metadata.annotations, { emma: 'sophia', env: 'skoala-stage' });

  assert.deepEqual(applyOverrides(template, cluster('member3'), policies).object, template);
});

test('image registry override per cluster (karmada nginx sample Deployment)', { skip: corpusSkip() }, () => {
  const sample = corpusDocument('karmada/nginx/deployment.yaml', 'Deployment');
  const template = { ...sample, metadata: { ...sample.metadata, namespace: 'default' } };
  const policy = op('nginx-registry', 'default', {
    resourceSelectors: [{ ...D, name: 'nginx' }],
    overrideRules: [
      { targetCluster: { clusterNames: ['member1'] }, overriders: { imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'registry.cn-hangzhou.example.com' }] } },
      { targetCluster: { labelSelector: { matchLabels: { location: 'edge' } } }, overriders: { imageOverrider: [{ component: 'Registry', operator: 'add', value: 'edge-mirror.local:5000' }, { component: 'Tag', operator: 'replace', value: '1.25-alpine' }] } },
    ],
  });
  const image = (c: ClusterFacts) => spec(applyOverrides(template, c, { cluster: [], namespaced: [policy] }).object).template.spec.containers[0].image;
  assert.equal(image(cluster('member1')), 'registry.cn-hangzhou.example.com/nginx');
  assert.equal(image(cluster('edge-3', { location: 'edge' })), 'edge-mirror.local:5000/nginx:1.25-alpine');
  assert.equal(image(cluster('member2')), 'nginx');
});

// Ordering.

const web = (): KubeObject => ({ ...D, metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image: 'web:1' }] } } } });
const setLabel = (value: string): OverrideSpec['overriders'] => ({ labelsOverrider: [{ operator: 'add', value: { owner: value } }] });

test('ClusterOverridePolicies apply before OverridePolicies, so the namespaced one wins', () => {
  const policies: OverridePolicies = {
    cluster: [op('zz-cluster', undefined, { resourceSelectors: [{ ...D, name: 'web' }], overriders: setLabel('cluster') })],
    namespaced: [op('aa-namespaced', 'shop', { resourceSelectors: [{ ...D }], overriders: setLabel('namespaced') })],
  };
  const result = applyOverrides(web(), cluster('m'), policies);
  assert.equal(result.object.metadata.labels?.owner, 'namespaced');
  assert.deepEqual(result.applied.map((a) => [a.policy, a.namespace]), [['zz-cluster', undefined], ['aa-namespaced', 'shop']]);
});

test('within a set: least specific first, then by name; the most specific is applied last', () => {
  const namespaced = [
    op('a-by-name', 'shop', { resourceSelectors: [{ ...D, name: 'web' }], overriders: setLabel('name') }),
    op('b-by-label', 'shop', { resourceSelectors: [{ ...D, labelSelector: { matchLabels: { app: 'web' } } }], overriders: setLabel('label') }),
    op('d-all', 'shop', { resourceSelectors: [{ ...D }], overriders: setLabel('all-d') }),
    op('c-no-selectors', 'shop', { overriders: setLabel('all-c') }),
  ];
  const result = applyOverrides(web(), cluster('m'), { cluster: [], namespaced });
  assert.deepEqual(result.applied.map((a) => a.policy), ['c-no-selectors', 'd-all', 'b-by-label', 'a-by-name']);
  assert.equal(result.object.metadata.labels?.owner, 'name');
});

test('policies that do not select the template, or live in another namespace, are ignored', () => {
  const namespaced = [
    op('other-name', 'shop', { resourceSelectors: [{ ...D, name: 'api' }], overriders: setLabel('x') }),
    op('other-kind', 'shop', { resourceSelectors: [{ apiVersion: 'v1', kind: 'Service' }], overriders: setLabel('x') }),
    op('other-namespace', 'billing', { overriders: setLabel('x') }),
  ];
  const result = applyOverrides(web(), cluster('m'), { cluster: [], namespaced });
  assert.deepEqual(result.applied, []);
  assert.equal(result.object.metadata.labels?.owner, undefined);
});

test('cluster-scoped templates get ClusterOverridePolicies only', () => {
  const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view' } };
  const result = applyOverrides(role, cluster('m'), {
    cluster: [op('c', undefined, { overriders: { annotationsOverrider: [{ operator: 'add', value: { from: 'cop' } }] } })],
    namespaced: [op('n', 'default', { overriders: { annotationsOverrider: [{ operator: 'add', value: { from: 'op' } }] } })],
  });
  assert.deepEqual(result.object.metadata.annotations, { from: 'cop' });
});

test('rules run in order, each when its targetCluster matches', () => {
  const policy = op('rules', 'shop', {
    overrideRules: [
      { overriders: { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 2 }] } },
      { targetCluster: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'In', values: ['eu'] }] } }, overriders: { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 7 }] } },
      { targetCluster: { exclude: ['eu-2'] }, overriders: { labelsOverrider: [{ operator: 'add', value: { region: 'eu-or-other' } }] } },
    ],
  });
  const eu1 = applyOverrides(web(), cluster('eu-1', {}, { region: 'eu' }), { cluster: [], namespaced: [policy] });
  assert.equal(spec(eu1.object).replicas, 7);
  assert.equal(eu1.object.metadata.labels?.region, 'eu-or-other');
  assert.equal(eu1.applied.length, 3);
  const eu2 = applyOverrides(web(), cluster('eu-2', {}, { region: 'eu' }), { cluster: [], namespaced: [policy] });
  assert.equal(spec(eu2.object).replicas, 7);
  assert.equal(eu2.object.metadata.labels?.region, undefined);
  const us = applyOverrides(web(), cluster('us-1', {}, { region: 'us' }), { cluster: [], namespaced: [policy] });
  assert.equal(spec(us.object).replicas, 2);
});

test('deprecated form: top-level targetCluster and overriders', () => {
  const policy = op('old-style', 'shop', { targetCluster: { clusterNames: ['m1'] }, overriders: { imageOverrider: [{ component: 'Tag', operator: 'replace', value: '2' }] } });
  assert.equal(spec(applyOverrides(web(), cluster('m1'), { cluster: [], namespaced: [policy] }).object).template.spec.containers[0].image, 'web:2');
  assert.equal(spec(applyOverrides(web(), cluster('m2'), { cluster: [], namespaced: [policy] }).object).template.spec.containers[0].image, 'web:1');
});

test('within a rule: image, command, args, labels, annotations, field, replicas, then plaintext', () => {
  const policy = op('everything', 'shop', {
    overriders: {
      plaintext: [
        { path: '/spec/template/spec/containers/0/image', operator: 'replace', value: 'plain:9' },
        { path: '/metadata/labels/tier', operator: 'remove' },
        { path: '/spec/replicas', operator: 'replace', value: 9 },
      ],
      replicasOverrider: { value: 3 },
      labelsOverrider: [{ operator: 'add', value: { tier: 'gold' } }],
      argsOverrider: [{ containerName: 'web', operator: 'add', value: ['--b'] }],
      commandOverrider: [{ containerName: 'web', operator: 'add', value: ['serve'] }],
      imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'mirror.example.com' }],
      annotationsOverrider: [{ operator: 'add', value: { by: 'op' } }],
    },
  });
  const result = applyOverrides(web(), cluster('m'), { cluster: [], namespaced: [policy] });
  assert.deepEqual(result.errors, []);
  const container = spec(result.object).template.spec.containers[0];
  assert.equal(container.image, 'plain:9');
  assert.deepEqual(container.command, ['serve']);
  assert.deepEqual(container.args, ['--b']);
  assert.deepEqual(result.object.metadata.labels, { app: 'web' });
  assert.deepEqual(result.object.metadata.annotations, { by: 'op' });
  assert.equal(spec(result.object).replicas, 9);
});

test('later overriders see what earlier ones did: two image overriders chain', () => {
  const policy = op('chain', 'shop', {
    overriders: { imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'a.example.com' }, { component: 'Registry', operator: 'add', value: ':5000' }] },
  });
  assert.equal(spec(applyOverrides(web(), cluster('m'), { cluster: [], namespaced: [policy] }).object).template.spec.containers[0].image, 'a.example.com:5000/web:1');
});

test('a failing policy is reported and skipped; the others still apply', () => {
  const policies: OverridePolicies = {
    cluster: [op('bad-image', undefined, { overriders: { imageOverrider: [{ predicate: { path: '/spec/nothing' }, component: 'Tag', operator: 'remove' }] } })],
    namespaced: [
      op('a-good', 'shop', { overriders: setLabel('good') }),
      op('b-bad', 'shop', {
        overrideRules: [
          { overriders: { annotationsOverrider: [{ operator: 'add', value: { partial: 'yes' } }] } },
          { overriders: { plaintext: [{ path: '/spec/missing/deeper', operator: 'replace', value: 1 }] } },
        ],
      }),
    ],
  };
  const result = applyOverrides(web(), cluster('m'), policies);
  assert.deepEqual(result.errors.map((e) => [e.policy, e.namespace]), [['bad-image', undefined], ['b-bad', 'shop']]);
  assert.match(result.errors[0].message, /^imageOverrider: failed to obtain imageValue/);
  assert.match(result.errors[1].message, /^plaintext: replace operation does not apply/);
  assert.equal(result.object.metadata.labels?.owner, 'good');
  assert.equal(result.object.metadata.annotations, undefined, 'the failing policy leaves nothing behind');
  assert.deepEqual(result.applied.map((a) => a.policy), ['a-good']);
});

test('policy.kurator.dev OverridePolicies are treated like Karmada ones', () => {
  const policy = op('alias', 'shop', { overriders: { replicasOverrider: { value: 6 } } }, 'policy.kurator.dev/v1alpha1');
  assert.equal(spec(applyOverrides(web(), cluster('m'), { cluster: [], namespaced: [policy] }).object).replicas, 6);
});

test('fieldOverrider through a policy: a ConfigMap per cluster', () => {
  const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gw-config', namespace: 'gateway' }, data: { 'gateway.yaml': 'upstream: https://gw.example.com\ntimeout: 5\n' } };
  const policy = op('gw-config', 'gateway', {
    resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gw-config' }],
    overrideRules: [{ targetCluster: { clusterNames: ['cluster-oversea'] }, overriders: { fieldOverrider: [{ fieldPath: '/data/gateway.yaml', yaml: [{ subPath: '/upstream', operator: 'replace', value: 'https://gw-oversea.example.com' }] }] } }],
  });
  const result = applyOverrides(configMap, cluster('cluster-oversea'), { cluster: [], namespaced: [policy] });
  assert.deepEqual(result.object.data, { 'gateway.yaml': 'timeout: 5\nupstream: https://gw-oversea.example.com\n' });
});
