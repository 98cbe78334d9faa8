import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { CLAIM_ANNOTATIONS, choosePolicy, claimOf, type ChooseOptions, type PolicyCandidates, type PolicyRef } from './claim.js';
import { corpusDocument, corpusSkip } from './test-corpus.js';
import type { PropagationPolicyObject, PropagationSpec, ResourceSelector } from './types.js';

const KARMADA = 'policy.karmada.io/v1alpha1';
const D = { apiVersion: 'apps/v1', kind: 'Deployment' };
const byName = (name: string): ResourceSelector => ({ ...D, name });
const byLabel = (app: string): ResourceSelector => ({ ...D, labelSelector: { matchLabels: { app } } });
const all: ResourceSelector = { ...D };

function pp(name: string, namespace: string, spec: Partial<PropagationSpec>, extra: Partial<KubeObject['metadata']> = {}, apiVersion = KARMADA): PropagationPolicyObject {
  return { apiVersion, kind: 'PropagationPolicy', metadata: { name, namespace, ...extra }, spec: { resourceSelectors: [], ...spec } };
}
function cpp(name: string, spec: Partial<PropagationSpec>, extra: Partial<KubeObject['metadata']> = {}, apiVersion = KARMADA): PropagationPolicyObject {
  return { apiVersion, kind: 'ClusterPropagationPolicy', metadata: { name, ...extra }, spec: { resourceSelectors: [], ...spec } };
}
const deployment = (name: string, namespace: string, labels: Record<string, string> = {}, annotations?: Record<string, string>): KubeObject => ({
  ...D,
  metadata: { name, namespace, labels, ...(annotations ? { annotations } : {}) },
});
const ppRef = (name: string, namespace: string, apiVersion = KARMADA): PolicyRef => ({ apiVersion, kind: 'PropagationPolicy', namespace, name });
const cppRef = (name: string, apiVersion = KARMADA): PolicyRef => ({ apiVersion, kind: 'ClusterPropagationPolicy', name });

const web = deployment('web', 'shop', { app: 'web' });

const cases: { name: string; template: KubeObject; policies: PolicyCandidates; options?: ChooseOptions; want: PolicyRef | undefined }[] = [
  { name: 'nothing matches', template: web, policies: { propagation: [pp('p', 'shop', { resourceSelectors: [byName('api')] })], cluster: [] }, want: undefined },
  {
    name: 'any matching PropagationPolicy beats a higher-priority ClusterPropagationPolicy',
    template: web,
    policies: { propagation: [pp('weak', 'shop', { resourceSelectors: [all] })], cluster: [cpp('strong', { resourceSelectors: [byName('web')], priority: 100 })] },
    want: ppRef('weak', 'shop'),
  },
  {
    name: 'PropagationPolicies of other namespaces are not candidates',
    template: web,
    policies: { propagation: [pp('elsewhere', 'other', { resourceSelectors: [all] })], cluster: [cpp('fallback', { resourceSelectors: [all] })] },
    want: cppRef('fallback'),
  },
  {
    name: 'explicit priority beats selector specificity',
    template: web,
    policies: { propagation: [pp('named', 'shop', { resourceSelectors: [byName('web')], priority: 1 }), pp('broad', 'shop', { resourceSelectors: [all], priority: 5 })], cluster: [] },
    want: ppRef('broad', 'shop'),
  },
  {
    name: 'same priority: name selector beats labelSelector beats match-all',
    template: web,
    policies: {
      propagation: [pp('a-all', 'shop', { resourceSelectors: [all] }), pp('b-label', 'shop', { resourceSelectors: [byLabel('web')] }), pp('c-name', 'shop', { resourceSelectors: [byName('web')] })],
      cluster: [],
    },
    want: ppRef('c-name', 'shop'),
  },
  {
    name: 'same priority: labelSelector beats match-all',
    template: web,
    policies: { propagation: [pp('a-all', 'shop', { resourceSelectors: [all] }), pp('z-label', 'shop', { resourceSelectors: [byLabel('web')] })], cluster: [] },
    want: ppRef('z-label', 'shop'),
  },
  {
    name: 'same priority and specificity: the smaller name',
    template: web,
    policies: { propagation: [pp('beta', 'shop', { resourceSelectors: [all] }), pp('alpha', 'shop', { resourceSelectors: [all] })], cluster: [] },
    want: ppRef('alpha', 'shop'),
  },
  {
    name: 'negative priority loses to the default 0',
    template: web,
    policies: { propagation: [pp('a-neg', 'shop', { resourceSelectors: [byName('web')], priority: -1 }), pp('b-zero', 'shop', { resourceSelectors: [all] })], cluster: [] },
    want: ppRef('b-zero', 'shop'),
  },
  {
    name: 'ClusterPropagationPolicies are ranked the same way',
    template: web,
    policies: { propagation: [], cluster: [cpp('a-all', { resourceSelectors: [all], priority: 2 }), cpp('b-name', { resourceSelectors: [byName('web')], priority: 2 }), cpp('c-low', { resourceSelectors: [byName('web')] })] },
    want: cppRef('b-name'),
  },
  {
    name: 'a policy being deleted never matches',
    template: web,
    policies: { propagation: [pp('going', 'shop', { resourceSelectors: [byName('web')] }, { deletionTimestamp: '2025-01-01T00:00:00Z' }), pp('staying', 'shop', { resourceSelectors: [all] })], cluster: [] },
    want: ppRef('staying', 'shop'),
  },
  {
    name: 'a suspended policy still claims',
    template: web,
    policies: { propagation: [pp('paused', 'shop', { resourceSelectors: [byName('web')], suspension: { dispatching: true } })], cluster: [] },
    want: ppRef('paused', 'shop'),
  },
  {
    name: 'cluster-scoped templates only see ClusterPropagationPolicies',
    template: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view' } },
    policies: {
      propagation: [pp('p', 'default', { resourceSelectors: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' }] })],
      cluster: [cpp('roles', { resourceSelectors: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' }] })],
    },
    want: cppRef('roles'),
  },
  {
    name: 'namespaceAffinity.namespaces excludes other namespaces',
    template: web,
    policies: { propagation: [], cluster: [cpp('a-default-only', { resourceSelectors: [all], placement: { namespaceAffinity: { namespaces: ['default'] } } }), cpp('b-any', { resourceSelectors: [all] })] },
    want: cppRef('b-any'),
  },
  {
    name: 'namespaceAffinity.exclude wins over namespaces',
    template: web,
    policies: { propagation: [], cluster: [cpp('c', { resourceSelectors: [all], placement: { namespaceAffinity: { namespaces: ['shop'], exclude: ['shop'] } } })] },
    want: undefined,
  },
  {
    name: 'namespaceAffinity.labelSelector uses the namespace labels given',
    template: web,
    policies: { propagation: [], cluster: [cpp('prod-namespaces', { resourceSelectors: [all], placement: { namespaceAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } } })] },
    options: { namespaceLabels: { env: 'prod' } },
    want: cppRef('prod-namespaces'),
  },
  {
    name: 'namespaceAffinity.labelSelector without namespace labels does not admit',
    template: web,
    policies: { propagation: [], cluster: [cpp('prod-namespaces', { resourceSelectors: [all], placement: { namespaceAffinity: { labelSelector: { matchLabels: { env: 'prod' } } } } })] },
    want: undefined,
  },
  {
    name: 'alias groups compete in the same list',
    template: web,
    policies: { propagation: [pp('b', 'shop', { resourceSelectors: [all] }), pp('a', 'shop', { resourceSelectors: [all] }, {}, 'kurator.dev/v1alpha1')], cluster: [] },
    want: ppRef('a', 'shop', 'kurator.dev/v1alpha1'),
  },
  {
    name: 'equal policies in two groups: ordered by apiVersion',
    template: web,
    policies: { propagation: [pp('same', 'shop', { resourceSelectors: [all] }, {}, 'policy.karmada.io/v1alpha1'), pp('same', 'shop', { resourceSelectors: [all] }, {}, 'kurator.dev/v1alpha1')], cluster: [] },
    want: ppRef('same', 'shop', 'kurator.dev/v1alpha1'),
  },
];

for (const c of cases) {
  test(`choosePolicy: ${c.name}`, () => assert.deepEqual(choosePolicy(c.template, c.policies, c.options), c.want));
}

// Claimed templates.

const claimedByPP = (policy: string) =>
  deployment('web', 'shop', { app: 'web' }, { [CLAIM_ANNOTATIONS.policyNamespace]: 'shop', [CLAIM_ANNOTATIONS.policyName]: policy });
const claimedByCPP = (policy: string) => deployment('web', 'shop', { app: 'web' }, { [CLAIM_ANNOTATIONS.clusterPolicyName]: policy });

const claimCases: { name: string; template: KubeObject; policies: PolicyCandidates; options?: ChooseOptions; want: PolicyRef | undefined }[] = [
  {
    name: 'a claimed template stays with its policy although a better one appeared',
    template: claimedByPP('old'),
    policies: { propagation: [pp('old', 'shop', { resourceSelectors: [all] }), pp('new', 'shop', { resourceSelectors: [byName('web')], priority: 10 })], cluster: [] },
    want: ppRef('old', 'shop'),
  },
  {
    name: 'a template claimed by a ClusterPropagationPolicy is not taken by a new PropagationPolicy',
    template: claimedByCPP('global'),
    policies: { propagation: [pp('local', 'shop', { resourceSelectors: [byName('web')] })], cluster: [cpp('global', { resourceSelectors: [all] })] },
    want: cppRef('global'),
  },
  {
    name: 'claimed policy gone: matched afresh',
    template: claimedByPP('deleted'),
    policies: { propagation: [pp('other', 'shop', { resourceSelectors: [all] })], cluster: [] },
    want: ppRef('other', 'shop'),
  },
  {
    name: 'claimed policy no longer selects the template: matched afresh',
    template: claimedByPP('narrowed'),
    policies: { propagation: [pp('narrowed', 'shop', { resourceSelectors: [byName('api')] })], cluster: [cpp('fallback', { resourceSelectors: [all] })] },
    want: cppRef('fallback'),
  },
  {
    name: 'claimed policy being deleted: matched afresh',
    template: claimedByPP('going'),
    policies: { propagation: [pp('going', 'shop', { resourceSelectors: [all] }, { deletionTimestamp: '2025-01-01T00:00:00Z' }), pp('next', 'shop', { resourceSelectors: [all] })], cluster: [] },
    want: ppRef('next', 'shop'),
  },
  {
    name: 'preemption off: Always does nothing',
    template: claimedByPP('old'),
    policies: { propagation: [pp('old', 'shop', { resourceSelectors: [all] }), pp('boss', 'shop', { resourceSelectors: [byName('web')], priority: 10, preemption: 'Always' })], cluster: [] },
    want: ppRef('old', 'shop'),
  },
  {
    name: 'preemption on: a higher-priority Always policy naming the template takes it',
    template: claimedByPP('old'),
    policies: { propagation: [pp('old', 'shop', { resourceSelectors: [all] }), pp('boss', 'shop', { resourceSelectors: [byName('web')], priority: 10, preemption: 'Always' })], cluster: [] },
    options: { preemption: true },
    want: ppRef('boss', 'shop'),
  },
  {
    name: 'preemption on: equal priority is not enough',
    template: claimedByPP('old'),
    policies: { propagation: [pp('old', 'shop', { resourceSelectors: [all], priority: 10 }), pp('boss', 'shop', { resourceSelectors: [byName('web')], priority: 10, preemption: 'Always' })], cluster: [] },
    options: { preemption: true },
    want: ppRef('old', 'shop'),
  },
  {
    name: 'preemption on: Always without a name selector cannot preempt',
    template: claimedByPP('old'),
    policies: { propagation: [pp('old', 'shop', { resourceSelectors: [all] }), pp('boss', 'shop', { resourceSelectors: [byLabel('web')], priority: 10, preemption: 'Always' })], cluster: [] },
    options: { preemption: true },
    want: ppRef('old', 'shop'),
  },
  {
    name: 'preemption on: a PropagationPolicy takes a ClusterPropagationPolicy claim whatever the priorities',
    template: claimedByCPP('global'),
    policies: { propagation: [pp('local', 'shop', { resourceSelectors: [byName('web')], priority: -5, preemption: 'Always' })], cluster: [cpp('global', { resourceSelectors: [all], priority: 50 })] },
    options: { preemption: true },
    want: ppRef('local', 'shop'),
  },
  {
    name: 'preemption on: a ClusterPropagationPolicy preempts only a lower-priority one',
    template: claimedByCPP('global'),
    policies: { propagation: [], cluster: [cpp('global', { resourceSelectors: [all], priority: 1 }), cpp('urgent', { resourceSelectors: [byName('web')], priority: 2, preemption: 'Always' })] },
    options: { preemption: true },
    want: cppRef('urgent'),
  },
];

for (const c of claimCases) {
  test(`choosePolicy (claimed): ${c.name}`, () => assert.deepEqual(choosePolicy(c.template, c.policies, c.options), c.want));
}

test('claimOf reads the detector claim annotations', () => {
  assert.deepEqual(claimOf(claimedByPP('p')), { kind: 'PropagationPolicy', namespace: 'shop', name: 'p' });
  assert.deepEqual(claimOf(claimedByCPP('c')), { kind: 'ClusterPropagationPolicy', name: 'c' });
  assert.equal(claimOf(web), undefined);
});

// Seeds.

test('seed 13: the policy.kurator.dev ClusterPropagationPolicy takes nginx only in namespace default', { skip: corpusSkip() }, () => {
  const policy = corpusDocument('seeds/13-cluster-propagation-policy.yaml', 'ClusterPropagationPolicy') as PropagationPolicyObject;
  const policies = { propagation: [], cluster: [policy] };
  assert.deepEqual(choosePolicy(deployment('nginx', 'default'), policies), { apiVersion: 'policy.kurator.dev/v1alpha1', kind: 'ClusterPropagationPolicy', name: 'nginx-app-policy' });
  assert.equal(choosePolicy(deployment('nginx', 'staging'), policies), undefined);
});

test('seed 20: the HelmRelease policy applies in production only', { skip: corpusSkip() }, () => {
  const release = corpusDocument('seeds/20-helmrelease-propagation.yaml', 'HelmRelease');
  const policy = corpusDocument('seeds/20-helmrelease-propagation.yaml', 'ClusterPropagationPolicy') as PropagationPolicyObject;
  const policies = { propagation: [], cluster: [policy] };
  assert.equal(choosePolicy(release, policies)?.name, 'ecommerce-helm-policy');
  assert.equal(choosePolicy({ ...release, metadata: { ...release.metadata, namespace: 'dev' } }, policies), undefined);
});

test('seed 14 and seed 01: kurator.dev and policy.karmada.io PropagationPolicies side by side', { skip: corpusSkip() }, () => {
  const kurator = corpusDocument('seeds/14-kurator-propagation-policies.yaml', 'PropagationPolicy', 'web-app-policy') as PropagationPolicyObject;
  const gateway = corpusDocument('seeds/01-gateway-propagation.yaml', 'PropagationPolicy') as PropagationPolicyObject;
  // A namespaced policy written without a namespace lands in the namespace it is applied to.
  const inGateway = { ...kurator, metadata: { ...kurator.metadata, namespace: 'gateway' } };
  const policies = { propagation: [gateway, inGateway], cluster: [] };
  assert.deepEqual(choosePolicy(deployment('edge-gateway', 'gateway'), policies), ppRef('gw-propagation', 'gateway'));
  assert.deepEqual(choosePolicy(deployment('web-server', 'gateway'), policies), ppRef('web-app-policy', 'gateway', 'kurator.dev/v1alpha1'));
  assert.equal(choosePolicy(deployment('web-server', 'default'), policies), undefined);
});
