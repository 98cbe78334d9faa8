import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../machinery/object.js';
import { ImplicitPriority, resourceMatches, resourceMatchesAny, selectorPriority, selectorsPriority } from './selectors.js';
import { corpusDocument, corpusSkip } from './test-corpus.js';
import type { PropagationPolicyObject, ResourceSelector } from './types.js';

const deployment = (name: string, namespace?: string, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
});

const web = deployment('web', 'shop', { app: 'web', tier: 'front' });
const D = { apiVersion: 'apps/v1', kind: 'Deployment' };

const cases: { name: string; template: KubeObject; selector: ResourceSelector; want: ImplicitPriority }[] = [
  { name: 'name matches', template: web, selector: { ...D, name: 'web' }, want: ImplicitPriority.MatchName },
  { name: 'name differs', template: web, selector: { ...D, name: 'api' }, want: ImplicitPriority.MisMatch },
  {
    name: 'name set: labelSelector ignored even when it would not match',
    template: web,
    selector: { ...D, name: 'web', labelSelector: { matchLabels: { app: 'other' } } },
    want: ImplicitPriority.MatchName,
  },
  { name: 'labelSelector matches', template: web, selector: { ...D, labelSelector: { matchLabels: { app: 'web' } } }, want: ImplicitPriority.MatchLabelSelector },
  {
    name: 'labelSelector expression matches',
    template: web,
    selector: { ...D, labelSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] } },
    want: ImplicitPriority.MatchLabelSelector,
  },
  { name: 'labelSelector does not match', template: web, selector: { ...D, labelSelector: { matchLabels: { app: 'api' } } }, want: ImplicitPriority.MisMatch },
  { name: 'empty labelSelector selects by labels, above match-all', template: web, selector: { ...D, labelSelector: {} }, want: ImplicitPriority.MatchLabelSelector },
  { name: 'no name, no labelSelector: match all', template: web, selector: { ...D }, want: ImplicitPriority.MatchAll },
  { name: 'null labelSelector: match all', template: web, selector: { ...D, labelSelector: null }, want: ImplicitPriority.MatchAll },
  { name: 'apiVersion differs', template: web, selector: { apiVersion: 'apps/v1beta1', kind: 'Deployment' }, want: ImplicitPriority.MisMatch },
  { name: 'kind differs', template: web, selector: { apiVersion: 'apps/v1', kind: 'StatefulSet' }, want: ImplicitPriority.MisMatch },
  { name: 'namespace equal', template: web, selector: { ...D, namespace: 'shop', name: 'web' }, want: ImplicitPriority.MatchName },
  { name: 'namespace differs', template: web, selector: { ...D, namespace: 'other', name: 'web' }, want: ImplicitPriority.MisMatch },
  { name: 'empty namespace matches any namespace', template: web, selector: { ...D, namespace: '' }, want: ImplicitPriority.MatchAll },
  {
    name: 'cluster-scoped object never matches a namespaced selector',
    template: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view' } },
    selector: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', namespace: 'default' },
    want: ImplicitPriority.MisMatch,
  },
  {
    name: 'invalid labelSelector selects nothing',
    template: web,
    selector: { ...D, labelSelector: { matchExpressions: [{ key: 'app', operator: 'Like', values: ['w'] }] } },
    want: ImplicitPriority.MisMatch,
  },
  { name: 'object without labels, selector needing one', template: deployment('bare', 'shop'), selector: { ...D, labelSelector: { matchLabels: { app: 'x' } } }, want: ImplicitPriority.MisMatch },
];

for (const c of cases) {
  test(`selectorPriority: ${c.name}`, () => {
    assert.equal(selectorPriority(c.template, c.selector), c.want);
    assert.equal(resourceMatches(c.template, c.selector), c.want > ImplicitPriority.MisMatch);
  });
}

test('the enum has upstream order: MisMatch < MatchAll < MatchLabelSelector < MatchName', () => {
  assert.deepEqual([ImplicitPriority.MisMatch, ImplicitPriority.MatchAll, ImplicitPriority.MatchLabelSelector, ImplicitPriority.MatchName], [0, 1, 2, 3]);
});

test('selectorsPriority takes the most specific matching selector', () => {
  const selectors: ResourceSelector[] = [{ ...D }, { ...D, name: 'api' }, { ...D, labelSelector: { matchLabels: { app: 'web' } } }];
  assert.equal(selectorsPriority(web, selectors), ImplicitPriority.MatchLabelSelector);
  assert.equal(selectorsPriority(web, [...selectors, { ...D, name: 'web' }]), ImplicitPriority.MatchName);
  assert.equal(selectorsPriority(web, []), ImplicitPriority.MisMatch);
  assert.equal(resourceMatchesAny(web, undefined), false);
});

test('seed 01: the gateway PropagationPolicy selects edge-gateway by name', { skip: corpusSkip() }, () => {
  const policy = corpusDocument('seeds/01-gateway-propagation.yaml', 'PropagationPolicy') as PropagationPolicyObject;
  assert.equal(selectorsPriority(deployment('edge-gateway', 'gateway'), policy.spec.resourceSelectors), ImplicitPriority.MatchName);
  assert.equal(selectorsPriority(deployment('edge-gateway-2', 'gateway'), policy.spec.resourceSelectors), ImplicitPriority.MisMatch);
});

test('karmada nginx sample: the PropagationPolicy selects the sample Deployment', { skip: corpusSkip() }, () => {
  const policy = corpusDocument('karmada/nginx/propagationpolicy.yaml', 'PropagationPolicy') as PropagationPolicyObject;
  const template = corpusDocument('karmada/nginx/deployment.yaml', 'Deployment');
  assert.equal(selectorsPriority(template, policy.spec.resourceSelectors), ImplicitPriority.MatchName);
});
