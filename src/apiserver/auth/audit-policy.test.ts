import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditLevel, parseAuditPolicy } from './audit-policy.js';
import type { RequestAttributes } from './attributes.js';
import type { UserInfo } from './types.js';

const POLICY = `
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["system:kube-proxy"]
  verbs: ["watch"]
  resources:
  - group: ""
    resources: ["endpoints", "services"]
- level: None
  userGroups: ["system:nodes"]
- level: Metadata
  resources:
  - group: ""
    resources: ["secrets", "configmaps"]
- level: Request
  resources:
  - group: apps
    resources: ["*/scale"]
  - group: ""
    resources: ["pods/*"]
  - group: batch
    resources: ["jobs"]
    resourceNames: ["nightly"]
- level: Metadata
  nonResourceURLs: ["/healthz*", "/version"]
- level: Request
  namespaces: ["audited"]
- level: RequestResponse
  verbs: ["create"]
`;

const user = (name: string, ...groups: string[]): UserInfo => ({ name, groups });
const res = (verb: string, group: string, resource: string, extra: Partial<RequestAttributes> = {}): RequestAttributes => ({ verb, resourceRequest: true, apiGroup: group, resource, ...extra });
const path = (p: string, verb = 'get'): RequestAttributes => ({ verb, resourceRequest: false, path: p });

test('the first matching rule of an audit.k8s.io/v1 Policy sets the level; nothing matching is None', () => {
  const policy = parseAuditPolicy(POLICY);
  const alice = user('alice', 'dev');
  const cases: [UserInfo, RequestAttributes, string][] = [
    [user('system:kube-proxy'), res('watch', '', 'services'), 'None'],
    [user('system:kube-proxy'), res('list', '', 'services'), 'None'],
    [user('node-1', 'system:nodes'), res('get', '', 'pods', { namespace: 'a', name: 'p' }), 'None'],
    [alice, res('create', '', 'secrets', { namespace: 'a' }), 'Metadata'],
    [alice, res('patch', 'apps', 'deployments', { subresource: 'scale', namespace: 'a', name: 'd' }), 'Request'],
    [alice, res('patch', 'apps', 'deployments', { namespace: 'a', name: 'd' }), 'None'],
    [alice, res('get', '', 'pods', { subresource: 'log', namespace: 'a', name: 'p' }), 'Request'],
    [alice, res('update', 'batch', 'jobs', { namespace: 'a', name: 'nightly' }), 'Request'],
    [alice, res('update', 'batch', 'jobs', { namespace: 'a', name: 'hourly' }), 'None'],
    [alice, path('/healthz/etcd'), 'Metadata'],
    [alice, path('/version'), 'Metadata'],
    [alice, path('/versions'), 'None'],
    [alice, res('get', 'apps', 'deployments', { namespace: 'audited', name: 'd' }), 'Request'],
    [alice, path('/apis', 'create'), 'RequestResponse'],
    [alice, res('create', 'apps', 'deployments', { namespace: 'b' }), 'RequestResponse'],
  ];
  for (const [who, attributes, level] of cases) assert.equal(auditLevel(policy, who, attributes), level, `${who.name} ${attributes.verb} ${attributes.resource ?? attributes.path}/${attributes.subresource ?? ''} ${attributes.name ?? ''}`);
});

test('policy files with mistakes are refused with the rule that is wrong', () => {
  assert.throws(() => parseAuditPolicy('kind: Policy\napiVersion: v1\nrules: []'), /expected an audit.k8s.io\/v1 Policy/);
  assert.throws(() => parseAuditPolicy('kind: Policy\napiVersion: audit.k8s.io/v1\nrules:\n- level: Everything'), /rules\[0\]\.level must be one of/);
  assert.throws(() => parseAuditPolicy('kind: Policy\napiVersion: audit.k8s.io/v1\nrules:\n- level: None\n- level: Metadata\n  users: alice'), /rules\[1\]\.users must be a list of strings/);
  assert.throws(() => parseAuditPolicy('kind: Policy\napiVersion: audit.k8s.io/v1\nrules:\n- level: None\n  namespaces: [a]\n  nonResourceURLs: [/x]'), /either resources\/namespaces or nonResourceURLs/);
});
