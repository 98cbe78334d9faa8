// The RBAC authorizer over stored objects: kube's TestAuthorizer vectors (rbac_test.go), subjects of
// every kind, decision reasons, missing roles, system:masters and index freshness.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthorizationAttributes } from '../types.js';
import { RbacAuthorizer } from './authorizer.js';
import type { PolicyRule } from './policy.js';
import { RbacIndex } from './rbac-index.js';
import type { Store } from '../../../storage/store.js';
import { clusterRole, clusterRoleBinding, deleteStoredObject, putObject, role, roleBinding, storeWith } from './testing.js';

/** An index of the store's RBAC objects, kept fresh by its watch. */
function indexOf(store: Store): RbacIndex {
  const index = new RbacIndex(store);
  index.start();
  return index;
}

const ALL: PolicyRule = { verbs: ['*'], apiGroups: ['*'], resources: ['*'], nonResourceURLs: ['*'] };

function resource(name: string, groups: string[], verb: string, resourceName: string, namespace = '', subresource = ''): AuthorizationAttributes {
  return { user: { name, groups }, verb, resourceRequest: true, apiGroup: '', resource: resourceName, subresource, namespace };
}

function url(user: { name: string; groups?: string[] }, verb: string, path: string): AuthorizationAttributes {
  return { user: { name: user.name, groups: user.groups ?? [] }, verb, resourceRequest: false, path };
}

async function authorizerWith(objects: Parameters<typeof storeWith>[0]): Promise<RbacAuthorizer> {
  return new RbacAuthorizer(indexOf(await storeWith(objects)));
}

function check(authorizer: RbacAuthorizer, pass: AuthorizationAttributes[], fail: AuthorizationAttributes[]): void {
  for (const a of pass) assert.equal(authorizer.authorize(a).allowed, true, `should pass: ${JSON.stringify(a)}`);
  for (const a of fail) assert.equal(authorizer.authorize(a).allowed, false, `should fail: ${JSON.stringify(a)}`);
}

test('a RoleBinding to a ClusterRole grants it in its namespace only (upstream case 1)', async () => {
  const authorizer = await authorizerWith([clusterRole('admin', [ALL]), roleBinding('ns1', 'rb', { kind: 'ClusterRole', name: 'admin' }, 'User:admin', 'Group:admins')]);
  check(
    authorizer,
    [
      resource('admin', [], 'get', 'Pods', 'ns1'),
      resource('admin', [], 'watch', 'Pods', 'ns1'),
      resource('admin', ['group1'], 'watch', 'Foobar', 'ns1'),
      resource('joe', ['admins'], 'watch', 'Foobar', 'ns1'),
      resource('joe', ['group1', 'admins'], 'watch', 'Foobar', 'ns1'),
    ],
    [
      resource('admin', [], 'GET', 'Pods', 'ns2'),
      resource('admin', [], 'GET', 'Nodes', ''),
      resource('admin', ['admins'], 'GET', 'Pods', 'ns2'),
      resource('admin', ['admins'], 'GET', 'Nodes', ''),
    ],
  );
});

test('non-resource URLs: exact, star verb and prefix (upstream case 2)', async () => {
  const authorizer = await authorizerWith([
    clusterRole('non-resource-url-getter', [{ verbs: ['get'], nonResourceURLs: ['/apis'] }]),
    clusterRole('non-resource-url', [{ verbs: ['*'], nonResourceURLs: ['/apis'] }]),
    clusterRole('non-resource-url-prefix', [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }]),
    clusterRoleBinding('b1', 'non-resource-url-getter', 'User:foo', 'Group:bar'),
    clusterRoleBinding('b2', 'non-resource-url', 'User:admin', 'Group:admin'),
    clusterRoleBinding('b3', 'non-resource-url-prefix', 'User:prefixed', 'Group:prefixed'),
  ]);
  check(
    authorizer,
    [
      url({ name: 'foo' }, 'get', '/apis'),
      url({ name: '', groups: ['bar'] }, 'get', '/apis'),
      url({ name: 'admin' }, 'get', '/apis'),
      url({ name: '', groups: ['admin'] }, 'get', '/apis'),
      url({ name: 'admin' }, 'watch', '/apis'),
      url({ name: '', groups: ['admin'] }, 'watch', '/apis'),
      url({ name: 'prefixed' }, 'get', '/apis/v1'),
      url({ name: '', groups: ['prefixed'] }, 'get', '/apis/v1'),
      url({ name: 'prefixed' }, 'get', '/apis/v1/foobar'),
      url({ name: '', groups: ['prefixed'] }, 'get', '/apis/v1/foorbar'),
    ],
    [
      url({ name: 'foo' }, 'watch', '/apis'),
      url({ name: '', groups: ['bar'] }, 'watch', '/apis'),
      url({ name: 'foo' }, 'get', '/api/v1'),
      url({ name: '', groups: ['bar'] }, 'get', '/api/v1'),
      url({ name: 'admin' }, 'get', '/api/v1'),
      url({ name: '', groups: ['admin'] }, 'get', '/api/v1'),
      url({ name: 'prefixed' }, 'get', '/api/v1'),
      url({ name: '', groups: ['prefixed'] }, 'get', '/api/v1'),
    ],
  );
});

test('subresources are granted separately from their resource (upstream cases 3 and 4)', async () => {
  const pods = await authorizerWith([clusterRole('admin', [{ verbs: ['*'], apiGroups: ['*'], resources: ['pods'], nonResourceURLs: ['*'] }]), roleBinding('ns1', 'rb', { kind: 'ClusterRole', name: 'admin' }, 'User:admin')]);
  check(pods, [resource('admin', [], 'get', 'pods', 'ns1')], [resource('admin', [], 'get', 'pods', 'ns1', 'status')]);
  const status = await authorizerWith([clusterRole('admin', [{ verbs: ['*'], apiGroups: ['*'], resources: ['pods/status'], nonResourceURLs: ['*'] }]), roleBinding('ns1', 'rb', { kind: 'ClusterRole', name: 'admin' }, 'User:admin')]);
  check(status, [resource('admin', [], 'get', 'pods', 'ns1', 'status')], [resource('admin', [], 'get', 'pods', 'ns1')]);
});

test('decisions name the binding, role and subject as kube-apiserver does', async () => {
  const authorizer = await authorizerWith([
    clusterRole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
    role('team', 'secret-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }]),
    clusterRoleBinding('read-pods', 'reader', 'User:alice'),
    roleBinding('team', 'read-secrets', { kind: 'Role', name: 'secret-reader' }, 'ServiceAccount:robot'),
  ]);
  assert.deepEqual(authorizer.authorize(resource('alice', [], 'get', 'pods', 'default')), { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "read-pods" of ClusterRole "reader" to User "alice"' });
  assert.deepEqual(authorizer.authorize(resource('system:serviceaccount:team:robot', ['system:serviceaccounts'], 'get', 'secrets', 'team')), {
    allowed: true,
    reason: 'RBAC: allowed by RoleBinding "read-secrets/team" of Role "secret-reader" to ServiceAccount "robot/team"',
  });
  assert.deepEqual(authorizer.authorize(resource('alice', [], 'list', 'pods', 'default')), { allowed: false }, 'a plain denial has no reason');
});

test('ServiceAccount subjects: namespace defaults to the RoleBinding\'s; a ClusterRoleBinding needs one', async () => {
  const authorizer = await authorizerWith([
    clusterRole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }]),
    roleBinding('team', 'rb', { kind: 'ClusterRole', name: 'reader' }, 'ServiceAccount:robot'),
    clusterRoleBinding('crb', 'reader', 'ServiceAccount:ops:deployer', 'ServiceAccount:nowhere'),
  ]);
  const sa = (ns: string, name: string) => `system:serviceaccount:${ns}:${name}`;
  check(
    authorizer,
    [resource(sa('team', 'robot'), [], 'get', 'configmaps', 'team'), resource(sa('ops', 'deployer'), [], 'get', 'configmaps', 'anywhere')],
    [resource(sa('other', 'robot'), [], 'get', 'configmaps', 'team'), resource(sa('team', 'robot'), [], 'get', 'configmaps', 'other'), resource(sa('', 'nowhere'), [], 'get', 'configmaps', 'x'), resource('robot', [], 'get', 'configmaps', 'team')],
  );
});

test('a binding to a missing role grants nothing and says why', async () => {
  const authorizer = await authorizerWith([roleBinding('ns', 'rb', { kind: 'ClusterRole', name: 'ghost' }, 'User:bob')]);
  assert.deepEqual(authorizer.authorize(resource('bob', [], 'get', 'pods', 'ns')), { allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "ghost" not found' });
});

test('system:masters is allowed everything without any binding', async () => {
  const authorizer = await authorizerWith([]);
  assert.equal(authorizer.authorize(resource('root', ['system:masters'], 'delete', 'nodes')).allowed, true);
  assert.equal(authorizer.authorize(url({ name: 'root', groups: ['system:masters'] }, 'get', '/metrics')).allowed, true);
});

test('the index follows the store: new, changed and deleted roles and bindings apply at once', async () => {
  const store = await storeWith([]);
  const authorizer = new RbacAuthorizer(indexOf(store));
  const get = resource('carol', ['devs'], 'get', 'pods', 'web');
  assert.equal(authorizer.authorize(get).allowed, false);
  await putObject(store, clusterRoleBinding('devs', 'pod-reader', 'Group:devs'));
  assert.equal(authorizer.authorize(get).allowed, false, 'the role does not exist yet');
  const podReader = clusterRole('pod-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
  await putObject(store, podReader);
  assert.equal(authorizer.authorize(get).allowed, true);
  await putObject(store, clusterRole('pod-reader', [{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }]));
  assert.equal(authorizer.authorize(get).allowed, false, 'the role no longer grants get');
  await putObject(store, podReader);
  await putObject(store, clusterRoleBinding('devs', 'pod-reader', 'Group:ops'));
  assert.equal(authorizer.authorize(get).allowed, false, 'the binding no longer names the group');
  await putObject(store, clusterRoleBinding('devs', 'pod-reader', 'Group:devs'));
  await deleteStoredObject(store, clusterRoleBinding('devs', 'pod-reader'));
  assert.equal(authorizer.authorize(get).allowed, false, 'the binding is gone');
});

test('asked again with the same user, the answer and its reason are those of a fresh evaluation, name by name', async () => {
  const store = await storeWith([
    clusterRole('one-secret', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['token'] }]),
    clusterRole('secret-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }]),
    clusterRole('pod-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
    clusterRoleBinding('a-one', 'one-secret', 'User:erin'),
    clusterRoleBinding('b-all', 'secret-reader', 'User:erin'),
    clusterRoleBinding('pods', 'pod-reader', 'User:erin'),
  ]);
  const authorizer = new RbacAuthorizer(indexOf(store));
  const fresh = new RbacAuthorizer(indexOf(store));
  const user = { name: 'erin', groups: [] };
  const ask = (resourceName: string, name: string): AuthorizationAttributes => ({ user, verb: 'get', resourceRequest: true, apiGroup: '', resource: resourceName, namespace: 'ns', name });
  for (const [resourceName, name] of [['secrets', 'other'], ['secrets', 'token'], ['secrets', 'other'], ['pods', 'p1'], ['pods', 'p2'], ['pods', 'p1']] as const) {
    const expected = fresh.authorize({ ...ask(resourceName, name), user: { ...user } });
    assert.deepEqual(authorizer.authorize(ask(resourceName, name)), expected, `${resourceName}/${name}`);
  }
  assert.match(authorizer.authorize(ask('secrets', 'token')).reason ?? '', /a-one/);
  assert.match(authorizer.authorize(ask('pods', 'p3')).reason ?? '', /pods/);
  // A remembered allowance goes with the binding that granted it.
  await deleteStoredObject(store, clusterRoleBinding('pods', 'pod-reader'));
  assert.equal(authorizer.authorize(ask('pods', 'p1')).allowed, false);
});

test('rulesFor lists cluster-wide rules, then the namespace\'s', async () => {
  const authorizer = await authorizerWith([
    clusterRole('a', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
    role('ns', 'b', [{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }]),
    clusterRoleBinding('a', 'a', 'User:dave'),
    roleBinding('ns', 'b', { kind: 'Role', name: 'b' }, 'User:dave'),
  ]);
  assert.deepEqual(authorizer.rulesFor({ name: 'dave', groups: [] }, 'ns').rules.map((r) => r.verbs[0]), ['get', 'list']);
  assert.deepEqual(authorizer.rulesFor({ name: 'dave', groups: [] }, 'other').rules.map((r) => r.verbs[0]), ['get']);
  assert.deepEqual(authorizer.rulesFor({ name: 'dave', groups: [] }, '').rules.map((r) => r.verbs[0]), ['get']);
});
