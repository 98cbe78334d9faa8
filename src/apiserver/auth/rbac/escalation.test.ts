// Escalation prevention through the real write path (in-process clients acting as users in a cluster
// with RBAC): roles need the permissions they grant or "escalate", bindings need the role's permissions
// or "bind", the aggregationRule needs cluster-admin, and system:masters may do anything.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { builtinKinds } from '../../../api/builtin/index.js';
import { createInProcessClient } from '../../../client/inprocess.js';
import { resourceTypeOf } from '../../../client/resources.js';
import { ClientError } from '../../../client/types.js';
import { createMemoryStore } from '../../../storage/memory.js';
import { LogicalCluster } from '../../logical-cluster.js';
import type { UserInfo } from '../types.js';
import { createRbacAuthorizer } from './index.js';
import { onlyGarbageCollectionFieldsChanged } from './escalation.js';
import { clusterRole, clusterRoleBinding, role, roleBinding } from './testing.js';

const rbac = (resource: string, kind: string, namespaced: boolean) => resourceTypeOf('rbac.authorization.k8s.io', 'v1', resource, kind, namespaced);
const ROLES = rbac('roles', 'Role', true);
const ROLE_BINDINGS = rbac('rolebindings', 'RoleBinding', true);
const CLUSTER_ROLES = rbac('clusterroles', 'ClusterRole', false);
const CLUSTER_ROLE_BINDINGS = rbac('clusterrolebindings', 'ClusterRoleBinding', false);
const NAMESPACES = resourceTypeOf('', 'v1', 'namespaces', 'Namespace', false);

const alice: UserInfo = { name: 'alice', groups: ['system:authenticated'] };

async function setup(): Promise<{ cluster: LogicalCluster; admin: ReturnType<typeof createInProcessClient>; as: (user: UserInfo) => ReturnType<typeof createInProcessClient> }> {
  const cluster = new LogicalCluster({ name: '', store: createMemoryStore(), builtins: builtinKinds, log: pino({ level: 'silent' }), pathPrefix: '', authorization: createRbacAuthorizer });
  await cluster.start();
  const admin = createInProcessClient(cluster);
  await admin.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  // alice administers namespace team.
  await admin.create(ROLE_BINDINGS, roleBinding('team', 'alice-admin', { kind: 'ClusterRole', name: 'admin' }, 'User:alice'));
  return { cluster, admin, as: (user) => createInProcessClient(cluster, { user }) };
}

async function refused(promise: Promise<unknown>, code: number): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ClientError, String(error));
    assert.equal(error.code, code, error.message);
    return error.message;
  }
  assert.fail(`expected a ${code}`);
}

test('a namespace admin may create roles and bindings within what they hold, and nothing beyond', async () => {
  const { cluster, as } = await setup();
  try {
    const client = as(alice);
    await client.create(ROLES, role('team', 'pod-reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]));
    await client.create(ROLE_BINDINGS, roleBinding('team', 'view', { kind: 'ClusterRole', name: 'view' }, 'User:bob'));
    const message = await refused(client.create(ROLES, role('team', 'node-maker', [{ verbs: ['create', 'delete'], apiGroups: [''], resources: ['nodes'] }, { verbs: ['get'], apiGroups: [''], resources: ['pods'] }])), 403);
    assert.equal(
      message,
      'roles.rbac.authorization.k8s.io "node-maker" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["create" "delete"]}',
    );
    const bindMessage = await refused(client.create(ROLE_BINDINGS, roleBinding('team', 'root', { kind: 'ClusterRole', name: 'cluster-admin' }, 'User:alice')), 403);
    assert.match(bindMessage, /^rolebindings\.rbac\.authorization\.k8s\.io "root" is forbidden: user "alice" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
    assert.match(bindMessage, /\{APIGroups:\["\*"\], Resources:\["\*"\], Verbs:\["\*"\]\}/);
    assert.match(bindMessage, /\{NonResourceURLs:\["\*"\], Verbs:\["\*"\]\}/);
    assert.equal(await refused(client.create(ROLE_BINDINGS, roleBinding('team', 'ghost', { kind: 'ClusterRole', name: 'ghost' }, 'User:bob')), 404), 'clusterroles.rbac.authorization.k8s.io "ghost" not found');
    // Outside namespace team alice holds nothing, so she cannot even ask.
    await refused(client.create(ROLES, role('default', 'pod-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }])), 403);
  } finally {
    await cluster.stop();
  }
});

test('"bind" on a role allows binding it, "escalate" allows writing roles beyond one\'s own permissions', async () => {
  const { cluster, admin, as } = await setup();
  try {
    const client = as(alice);
    await admin.create(ROLES, role('team', 'binder', [{ verbs: ['bind'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['cluster-admin'] }]));
    await admin.create(ROLE_BINDINGS, roleBinding('team', 'alice-binder', { kind: 'Role', name: 'binder' }, 'User:alice'));
    await client.create(ROLE_BINDINGS, roleBinding('team', 'root', { kind: 'ClusterRole', name: 'cluster-admin' }, 'User:carol'));
    await refused(client.create(ROLE_BINDINGS, roleBinding('team', 'edit-all', { kind: 'ClusterRole', name: 'system:kurator:controller-manager' }, 'User:carol')), 403);

    await refused(client.create(ROLES, role('team', 'node-maker', [{ verbs: ['create'], apiGroups: [''], resources: ['nodes'] }])), 403);
    await admin.create(ROLES, role('team', 'escalator', [{ verbs: ['escalate'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] }]));
    await admin.create(ROLE_BINDINGS, roleBinding('team', 'alice-escalator', { kind: 'Role', name: 'escalator' }, 'User:alice'));
    await client.create(ROLES, role('team', 'node-maker', [{ verbs: ['create'], apiGroups: [''], resources: ['nodes'] }]));
  } finally {
    await cluster.stop();
  }
});

test('the aggregationRule needs cluster-admin; system:masters may write any role', async () => {
  const { cluster, admin, as } = await setup();
  try {
    await admin.create(CLUSTER_ROLES, clusterRole('role-writer', [{ verbs: ['create', 'update', 'get'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] }]));
    await admin.create(CLUSTER_ROLE_BINDINGS, clusterRoleBinding('alice-role-writer', 'role-writer', 'User:alice'));
    const client = as(alice);
    await client.create(CLUSTER_ROLES, clusterRole('small', [{ verbs: ['get'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] }]));
    const message = await refused(client.create(CLUSTER_ROLES, { ...clusterRole('gather', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }), 403);
    assert.equal(message, 'clusterroles.rbac.authorization.k8s.io "gather" is forbidden: must have cluster-admin privileges to use the aggregationRule');
    const root = as({ name: 'root', groups: ['system:masters'] });
    await root.create(CLUSTER_ROLES, { ...clusterRole('gather', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } });
    await root.create(CLUSTER_ROLE_BINDINGS, clusterRoleBinding('everyone-root', 'cluster-admin', 'User:zed'));
  } finally {
    await cluster.stop();
  }
});

test('an update touching only finalizers or owner references needs no permission on the role\'s rules', async () => {
  const { cluster, admin, as } = await setup();
  try {
    await admin.create(ROLES, role('team', 'big', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]));
    await admin.create(ROLES, role('team', 'role-editor', [{ verbs: ['get', 'update', 'patch'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] }]));
    await admin.create(ROLE_BINDINGS, roleBinding('team', 'dan-editor', { kind: 'Role', name: 'role-editor' }, 'User:dan'));
    const dan = as({ name: 'dan', groups: [] });
    await dan.patch(ROLES, 'team', 'big', 'merge', { metadata: { finalizers: ['example.com/keep'] } });
    await refused(dan.patch(ROLES, 'team', 'big', 'merge', { metadata: { labels: { touched: 'yes' } } }), 403);
  } finally {
    await cluster.stop();
  }
});

test('onlyGarbageCollectionFieldsChanged ignores owner references, finalizers and server fields only', () => {
  const base = role('ns', 'r', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
  assert.equal(onlyGarbageCollectionFieldsChanged({ ...base, metadata: { ...base.metadata, finalizers: ['f'], resourceVersion: '9' } }, base), true);
  assert.equal(onlyGarbageCollectionFieldsChanged({ ...base, metadata: { ...base.metadata, labels: { a: 'b' } } }, base), false);
  assert.equal(onlyGarbageCollectionFieldsChanged({ ...base, rules: [] }, base), false);
});

test('roleRef cannot change; subjects and roleRef are validated as kube-apiserver does', async () => {
  const { cluster, admin } = await setup();
  try {
    await admin.create(ROLE_BINDINGS, roleBinding('team', 'viewers', { kind: 'ClusterRole', name: 'view' }, 'User:bob'));
    const current = await admin.get(ROLE_BINDINGS, 'team', 'viewers');
    const changed = { ...structuredClone(current!), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' } };
    assert.equal(
      await refused(admin.update(ROLE_BINDINGS, changed), 422),
      'RoleBinding.rbac.authorization.k8s.io "viewers" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );
    const bad = { ...roleBinding('team', 'bad', { kind: 'ClusterRole', name: 'view' }), subjects: [{ kind: 'Robot', name: 'r2' }, { kind: 'ServiceAccount', name: 'sa', apiGroup: 'rbac.authorization.k8s.io' }] };
    assert.equal(
      await refused(admin.create(ROLE_BINDINGS, bad), 422),
      'RoleBinding.rbac.authorization.k8s.io "bad" is invalid: [subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group", subjects[1].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""]',
    );
    const crb = { ...clusterRoleBinding('crb', 'view', 'ServiceAccount:nons'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'x' } };
    assert.equal(
      await refused(admin.create(CLUSTER_ROLE_BINDINGS, crb), 422),
      'ClusterRoleBinding.rbac.authorization.k8s.io "crb" is invalid: [roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", subjects[0].namespace: Required value]',
    );
    assert.equal(
      await refused(admin.create(ROLES, role('team', 'r', [{ verbs: [], apiGroups: [''], resources: ['pods'] }, { verbs: ['get'], nonResourceURLs: ['/healthz'] }])), 422),
      'Role.rbac.authorization.k8s.io "r" is invalid: [rules[0].verbs: Required value: verbs must contain at least one value, rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs]',
    );
    // User and Group subjects default their apiGroup, as in rbac/v1.
    const defaulted = await admin.create(ROLE_BINDINGS, { ...roleBinding('team', 'd', { kind: 'ClusterRole', name: 'view' }), subjects: [{ kind: 'User', name: 'eve' }] });
    assert.deepEqual(defaulted.subjects, [{ kind: 'User', name: 'eve', apiGroup: 'rbac.authorization.k8s.io' }]);
  } finally {
    await cluster.stop();
  }
});

test('an in-process client acting as a user is authorized like an HTTP request', async () => {
  const { cluster, as } = await setup();
  try {
    const bob = as({ name: 'bob', groups: ['system:authenticated'] });
    const secrets = resourceTypeOf('', 'v1', 'secrets', 'Secret', true);
    assert.equal(await refused(bob.list(secrets, 'team'), 403), 'secrets is forbidden: User "bob" cannot list resource "secrets" in API group "" in the namespace "team"');
    assert.equal(await refused(bob.get(NAMESPACES, undefined, 'team'), 403), 'namespaces "team" is forbidden: User "bob" cannot get resource "namespaces" in API group "" in the namespace "team"');
    const watch = bob.watch(secrets, 'team', {}, () => undefined);
    await refused(watch.done, 403);
    const alices = as(alice);
    await alices.create(secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'team' }, stringData: { a: 'b' } });
    assert.equal((await alices.list(secrets, 'team')).items.length, 1);
  } finally {
    await cluster.stop();
  }
});
