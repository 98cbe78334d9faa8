// Vectors from kubernetes/plugin/pkg/auth/authorizer/rbac/rbac_test.go (TestRuleMatches) plus the
// resourceNames and */subresource cases of the rbac/v1 evaluation helpers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthorizationAttributes } from '../types.js';
import type { PolicyRule } from './policy.js';
import { ruleAllows } from './rule-match.js';

const user = { name: 'u', groups: [] };

function resource(verb: string, group: string, resourceName: string, subresource = '', name = ''): AuthorizationAttributes {
  return { user, verb, resourceRequest: true, apiGroup: group, resource: resourceName, subresource, name };
}

function url(verb: string, path: string): AuthorizationAttributes {
  return { user, verb, resourceRequest: false, path };
}

interface Case {
  name: string;
  rule: PolicyRule;
  expect: [AuthorizationAttributes, boolean][];
}

const cases: Case[] = [
  {
    name: 'star verb, exact match other',
    rule: { verbs: ['*'], apiGroups: ['group1'], resources: ['resource1'] },
    expect: [
      [resource('verb1', 'group1', 'resource1'), true],
      [resource('verb1', 'group2', 'resource1'), false],
      [resource('verb1', 'group1', 'resource2'), false],
      [resource('verb1', 'group2', 'resource2'), false],
      [resource('verb2', 'group1', 'resource1'), true],
      [resource('verb2', 'group2', 'resource1'), false],
      [resource('verb2', 'group1', 'resource2'), false],
      [resource('verb2', 'group2', 'resource2'), false],
    ],
  },
  {
    name: 'star group, exact match other',
    rule: { verbs: ['verb1'], apiGroups: ['*'], resources: ['resource1'] },
    expect: [
      [resource('verb1', 'group1', 'resource1'), true],
      [resource('verb1', 'group2', 'resource1'), true],
      [resource('verb1', 'group1', 'resource2'), false],
      [resource('verb1', 'group2', 'resource2'), false],
      [resource('verb2', 'group1', 'resource1'), false],
      [resource('verb2', 'group2', 'resource1'), false],
    ],
  },
  {
    name: 'star resource, exact match other',
    rule: { verbs: ['verb1'], apiGroups: ['group1'], resources: ['*'] },
    expect: [
      [resource('verb1', 'group1', 'resource1'), true],
      [resource('verb1', 'group2', 'resource1'), false],
      [resource('verb1', 'group1', 'resource2'), true],
      [resource('verb1', 'group2', 'resource2'), false],
      [resource('verb2', 'group1', 'resource1'), false],
    ],
  },
  {
    name: 'tuple expansion',
    rule: { verbs: ['verb1', 'verb2'], apiGroups: ['group1', 'group2'], resources: ['resource1', 'resource2'] },
    expect: [
      [resource('verb1', 'group1', 'resource1'), true],
      [resource('verb1', 'group2', 'resource1'), true],
      [resource('verb1', 'group1', 'resource2'), true],
      [resource('verb1', 'group2', 'resource2'), true],
      [resource('verb2', 'group1', 'resource1'), true],
      [resource('verb2', 'group2', 'resource2'), true],
    ],
  },
  {
    name: 'subresource expansion',
    rule: { verbs: ['*'], apiGroups: ['*'], resources: ['resource1/subresource1'] },
    expect: [
      [resource('verb1', 'group1', 'resource1', 'subresource1'), true],
      [resource('verb1', 'group2', 'resource1', 'subresource2'), false],
      [resource('verb1', 'group1', 'resource2', 'subresource1'), false],
      [resource('verb1', 'group2', 'resource2', 'subresource1'), false],
      [resource('verb2', 'group1', 'resource1', 'subresource1'), true],
      [resource('verb2', 'group1', 'resource1'), false],
    ],
  },
  {
    name: 'a resource does not match its subresources',
    rule: { verbs: ['*'], apiGroups: ['*'], resources: ['pods'] },
    expect: [
      [resource('get', '', 'pods'), true],
      [resource('get', '', 'pods', 'status'), false],
    ],
  },
  {
    name: 'star subresource matches that subresource of any resource',
    rule: { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] },
    expect: [
      [resource('get', 'apps', 'deployments', 'scale'), true],
      [resource('get', 'apps', 'statefulsets', 'scale'), true],
      [resource('get', 'apps', 'deployments', 'status'), false],
      [resource('get', 'apps', 'deployments'), false],
      [resource('get', '', 'pods', 'xscale'), false],
    ],
  },
  {
    name: 'resourceNames only match requests that name an object',
    rule: { verbs: ['get', 'list', 'create', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['cm1'] },
    expect: [
      [resource('get', '', 'configmaps', '', 'cm1'), true],
      [resource('update', '', 'configmaps', '', 'cm1'), true],
      [resource('get', '', 'configmaps', '', 'cm2'), false],
      [resource('list', '', 'configmaps'), false],
      [resource('create', '', 'configmaps'), false],
      // list with fieldSelector metadata.name=cm1 carries the name
      [resource('list', '', 'configmaps', '', 'cm1'), true],
    ],
  },
  {
    name: 'star nonresource, exact match other',
    rule: { verbs: ['verb1'], nonResourceURLs: ['*'] },
    expect: [
      [url('verb1', '/foo'), true],
      [url('verb1', '/foo/bar'), true],
      [url('verb1', '/foo/baz'), true],
      [url('verb1', '/foo/bar/one'), true],
      [url('verb1', '/foo/baz/one'), true],
      [url('verb2', '/foo'), false],
      [url('verb2', '/foo/bar'), false],
      [url('verb2', '/foo/baz/one'), false],
    ],
  },
  {
    name: 'star nonresource subpath',
    rule: { verbs: ['verb1'], nonResourceURLs: ['/foo/*'] },
    expect: [
      [url('verb1', '/foo'), false],
      [url('verb1', '/foo/bar'), true],
      [url('verb1', '/foo/baz'), true],
      [url('verb1', '/foo/bar/one'), true],
      [url('verb1', '/foo/baz/one'), true],
      [url('verb1', '/notfoo'), false],
      [url('verb1', '/notfoo/bar'), false],
      [url('verb1', '/notfoo/baz'), false],
      [url('verb1', '/notfoo/bar/one'), false],
      [url('verb1', '/notfoo/baz/one'), false],
    ],
  },
  {
    name: 'star verb, exact nonresource',
    rule: { verbs: ['*'], nonResourceURLs: ['/foo', '/foo/bar/one'] },
    expect: [
      [url('verb1', '/foo'), true],
      [url('verb1', '/foo/bar'), false],
      [url('verb1', '/foo/baz'), false],
      [url('verb1', '/foo/bar/one'), true],
      [url('verb1', '/foo/baz/one'), false],
      [url('verb2', '/foo'), true],
      [url('verb2', '/foo/bar'), false],
      [url('verb2', '/foo/bar/one'), true],
    ],
  },
  {
    name: 'a resource rule never matches a non-resource request and the reverse',
    rule: { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    expect: [
      [url('get', '/healthz'), false],
      [resource('get', '', 'pods'), true],
    ],
  },
];

for (const c of cases) {
  test(`rule matching: ${c.name}`, () => {
    for (const [attributes, expected] of c.expect) {
      const what = attributes.resourceRequest ? `${attributes.verb} ${attributes.apiGroup}/${attributes.resource}/${attributes.subresource} name=${attributes.name}` : `${attributes.verb} ${attributes.path}`;
      assert.equal(ruleAllows(attributes, c.rule), expected, what);
    }
  });
}
