import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forbidden, unauthorized } from './denials.js';
import { ANONYMOUS, type UserInfo } from './types.js';

const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

test('403 messages have kube-apiserver wording for namespaced, cluster-scoped and non-resource requests', () => {
  const namespaced = forbidden({ user: alice, verb: 'get', resourceRequest: true, apiGroup: '', apiVersion: 'v1', resource: 'secrets', namespace: 'prod', name: 'db' }).toStatus();
  assert.equal(namespaced.message, 'secrets "db" is forbidden: User "alice" cannot get resource "secrets" in API group "" in the namespace "prod"');
  assert.deepEqual(namespaced.details, { name: 'db', kind: 'secrets' });
  assert.equal(namespaced.reason, 'Forbidden');
  assert.equal(namespaced.code, 403);

  const grouped = forbidden({ user: alice, verb: 'list', resourceRequest: true, apiGroup: 'fleet.kurator.dev', apiVersion: 'v1alpha1', resource: 'fleets' }).toStatus();
  assert.equal(grouped.message, 'fleets.fleet.kurator.dev is forbidden: User "alice" cannot list resource "fleets" in API group "fleet.kurator.dev" at the cluster scope');
  assert.deepEqual(grouped.details, { group: 'fleet.kurator.dev', kind: 'fleets' });

  const sub = forbidden({ user: alice, verb: 'create', resourceRequest: true, apiGroup: '', resource: 'serviceaccounts', subresource: 'token', namespace: 'ns', name: 'bot' }).toStatus();
  assert.equal(sub.message, 'serviceaccounts "bot" is forbidden: User "alice" cannot create resource "serviceaccounts/token" in API group "" in the namespace "ns"');

  const path = forbidden({ user: ANONYMOUS, verb: 'get', resourceRequest: false, path: '/apis' }).toStatus();
  assert.equal(path.message, 'forbidden: User "system:anonymous" cannot get path "/apis"');
  assert.deepEqual(path.details, {});

  const withReason = forbidden({ user: alice, verb: 'get', resourceRequest: false, path: '/metrics' }, 'RBAC: role "x" not found').toStatus();
  assert.equal(withReason.message, 'forbidden: User "alice" cannot get path "/metrics": RBAC: role "x" not found');
});

test('401 is the bare Unauthorized Status', () => {
  assert.deepEqual(unauthorized().toStatus(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
});
