// Vectors from kubernetes component-helpers auth/rbac/validation/policy_comparator_test.go and the
// CompactString / CompactRules forms kube-apiserver prints in escalation errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactRules, compactString, covers } from './covers.js';
import type { PolicyRule } from './policy.js';

interface Case {
  name: string;
  owner: PolicyRule[];
  servant: PolicyRule[];
  covered: boolean;
  missing: PolicyRule[];
}

const cases: Case[] = [
  {
    name: 'single resource, exact match',
    owner: [{ verbs: ['get'], apiGroups: ['v1'], resources: ['builds'] }],
    servant: [{ verbs: ['get'], apiGroups: ['v1'], resources: ['builds'] }],
    covered: true,
    missing: [],
  },
  {
    name: 'single non-resource, exact match',
    owner: [{ verbs: ['get'], nonResourceURLs: ['/foo'] }],
    servant: [{ verbs: ['get'], nonResourceURLs: ['/foo'] }],
    covered: true,
    missing: [],
  },
  {
    name: 'single non-resource, star owner',
    owner: [{ verbs: ['get'], nonResourceURLs: ['*'] }],
    servant: [{ verbs: ['get'], nonResourceURLs: ['/foo'] }],
    covered: true,
    missing: [],
  },
  {
    name: 'single non-resource, prefix owner',
    owner: [{ verbs: ['get'], nonResourceURLs: ['/foo/*'] }],
    servant: [{ verbs: ['get'], nonResourceURLs: ['/foo/bar'] }],
    covered: true,
    missing: [],
  },
  {
    name: 'non-resource prefix does not cover its root',
    owner: [{ verbs: ['get'], nonResourceURLs: ['/foo/*'] }],
    servant: [{ verbs: ['get'], nonResourceURLs: ['/foo', '/foo/bar'] }],
    covered: false,
    missing: [{ verbs: ['get'], nonResourceURLs: ['/foo'] }],
  },
  {
    name: 'verbs are checked one by one',
    owner: [{ verbs: ['get'], apiGroups: ['v1'], resources: ['builds'] }],
    servant: [{ verbs: ['get', 'list'], apiGroups: ['v1'], resources: ['builds'] }],
    covered: false,
    missing: [{ verbs: ['list'], apiGroups: ['v1'], resources: ['builds'] }],
  },
  {
    name: 'star verb covers every verb',
    owner: [{ verbs: ['*'], apiGroups: ['v1'], resources: ['builds'] }],
    servant: [{ verbs: ['get', 'list', 'escalate'], apiGroups: ['v1'], resources: ['builds'] }],
    covered: true,
    missing: [],
  },
  {
    name: 'resourceNames: owner without names covers named servant',
    owner: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }],
    servant: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['foo'] }],
    covered: true,
    missing: [],
  },
  {
    name: 'resourceNames: named owner does not cover unnamed servant',
    owner: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['foo'] }],
    servant: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }],
    covered: false,
    missing: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }],
  },
  {
    name: 'resourceNames: different names',
    owner: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['foo'] }],
    servant: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['foo', 'bar'] }],
    covered: false,
    missing: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['bar'] }],
  },
  {
    name: 'star resource covers subresources',
    owner: [{ verbs: ['get'], apiGroups: ['*'], resources: ['*'] }],
    servant: [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }],
    covered: true,
    missing: [],
  },
  {
    name: 'star subresource owner covers that subresource of any resource',
    owner: [{ verbs: ['get'], apiGroups: ['apps'], resources: ['*/scale'] }],
    servant: [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale', 'deployments'] }],
    covered: false,
    missing: [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] }],
  },
  {
    name: 'multiple owner rules together',
    owner: [
      { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['list'], apiGroups: [''], resources: ['pods'] },
    ],
    servant: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }],
    covered: true,
    missing: [],
  },
];

for (const c of cases) {
  test(`covers: ${c.name}`, () => {
    const result = covers(c.owner, c.servant);
    assert.equal(result.covered, c.covered);
    assert.deepEqual(result.missing, c.missing);
  });
}

test('compactRules merges rules that differ only by verb', () => {
  const missing = covers([], [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets', 'configmaps'] }, { verbs: ['get'], nonResourceURLs: ['/metrics'] }]).missing;
  const compacted = compactRules(missing).map(compactString).sort();
  assert.deepEqual(compacted, [
    '{APIGroups:[""], Resources:["configmaps"], Verbs:["get" "list"]}',
    '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
    '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
  ]);
});

test('compactString prints fields in kube-apiserver order', () => {
  assert.equal(compactString({ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] }), '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["web"], Verbs:["get"]}');
});
