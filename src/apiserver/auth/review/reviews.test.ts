// The access reviews answered through the write path: decisions from the cluster's RBAC, validation
// errors worded as kube-apiserver's, and nothing stored.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { builtinKinds } from '../../../api/builtin/index.js';
import { createInProcessClient } from '../../../client/inprocess.js';
import { resourceTypeOf } from '../../../client/resources.js';
import { ClientError } from '../../../client/types.js';
import { createMemoryStore } from '../../../storage/memory.js';
import { LogicalCluster } from '../../logical-cluster.js';
import { createRbacAuthorizer } from '../rbac/index.js';
import { roleBinding } from '../rbac/testing.js';

const review = (resource: string, kind: string, namespaced = false) => resourceTypeOf('authorization.k8s.io', 'v1', resource, kind, namespaced);
const SAR = review('subjectaccessreviews', 'SubjectAccessReview');
const LSAR = review('localsubjectaccessreviews', 'LocalSubjectAccessReview', true);
const SSAR = review('selfsubjectaccessreviews', 'SelfSubjectAccessReview');
const SSRR = review('selfsubjectrulesreviews', 'SelfSubjectRulesReview');
const ROLE_BINDINGS = resourceTypeOf('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true);

async function startCluster(authorize = true): Promise<LogicalCluster> {
  const cluster = new LogicalCluster({ name: '', store: createMemoryStore(), builtins: builtinKinds, log: pino({ level: 'silent' }), pathPrefix: '', ...(authorize ? { authorization: createRbacAuthorizer } : {}) });
  await cluster.start();
  await createInProcessClient(cluster).create(ROLE_BINDINGS, roleBinding('default', 'viewers', { kind: 'ClusterRole', name: 'view' }, 'User:vic', 'Group:auditors'));
  return cluster;
}

function sar(spec: Record<string, unknown>, kind = 'SubjectAccessReview') {
  return { apiVersion: 'authorization.k8s.io/v1', kind, metadata: {}, spec };
}

const getPods = { resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } };
const getSecrets = { resourceAttributes: { verb: 'get', resource: 'secrets', namespace: 'default' } };

test('SubjectAccessReview answers for any user or group, with the RBAC reason, and stores nothing', async () => {
  const cluster = await startCluster();
  const client = createInProcessClient(cluster);
  try {
    const allowed = await client.create(SAR, sar({ ...getPods, user: 'vic' }));
    assert.deepEqual(allowed.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "viewers/default" of ClusterRole "view" to User "vic"' });
    assert.deepEqual((await client.create(SAR, sar({ ...getPods, user: 'x', groups: ['auditors'] }))).status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "viewers/default" of ClusterRole "view" to Group "auditors"' });
    assert.deepEqual((await client.create(SAR, sar({ ...getSecrets, user: 'vic' }))).status, { allowed: false });
    assert.equal(((await client.create(SAR, sar({ nonResourceAttributes: { verb: 'get', path: '/version' }, user: 'u', groups: ['system:unauthenticated'] }))).status as { allowed: boolean }).allowed, true);
    assert.equal(cluster.store.count('/authorization.k8s.io/'), 0);
  } finally {
    await cluster.stop();
  }
});

test('SubjectAccessReview validation', async () => {
  const cluster = await startCluster();
  const client = createInProcessClient(cluster);
  try {
    await assert.rejects(client.create(SAR, sar({ user: 'vic' })), (e: ClientError) => e.code === 422 && e.message === 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
    await assert.rejects(client.create(SAR, sar(getPods)), (e: ClientError) => e.code === 422 && e.message.endsWith('spec.user: Invalid value: "": at least one of user or group must be specified'));
  } finally {
    await cluster.stop();
  }
});

test('LocalSubjectAccessReview checks in its own namespace only', async () => {
  const cluster = await startCluster();
  const client = createInProcessClient(cluster);
  try {
    const answer = await client.create(LSAR, { ...sar({ ...getPods, user: 'vic' }, 'LocalSubjectAccessReview'), metadata: { namespace: 'default' } });
    assert.equal((answer.status as { allowed: boolean }).allowed, true);
    await assert.rejects(
      client.create(LSAR, { ...sar({ resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'other' }, user: 'vic' }, 'LocalSubjectAccessReview'), metadata: { namespace: 'default' } }),
      (e: ClientError) => e.code === 422 && e.message.endsWith('spec.resourceAttributes.namespace: Invalid value: "other": must match metadata.namespace'),
    );
  } finally {
    await cluster.stop();
  }
});

test('SelfSubjectAccessReview and SelfSubjectRulesReview answer for the caller', async () => {
  const cluster = await startCluster();
  try {
    const vic = createInProcessClient(cluster, { user: { name: 'vic', groups: ['system:authenticated'] } });
    assert.equal(((await vic.create(SSAR, sar(getPods, 'SelfSubjectAccessReview'))).status as { allowed: boolean }).allowed, true);
    assert.equal(((await vic.create(SSAR, sar(getSecrets, 'SelfSubjectAccessReview'))).status as { allowed: boolean }).allowed, false);
    const rules = (await vic.create(SSRR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: { namespace: 'default' } })).status as { resourceRules: { verbs: string[]; resources?: string[] }[]; nonResourceRules: { nonResourceURLs: string[] }[]; incomplete: boolean };
    assert.equal(rules.incomplete, false);
    assert.ok(rules.resourceRules.some((r) => r.resources?.includes('selfsubjectaccessreviews')), 'system:basic-user applies to every authenticated user');
    assert.ok(rules.resourceRules.some((r) => r.resources?.includes('pods') && r.verbs.includes('list')), 'view applies in default');
    assert.ok(rules.nonResourceRules.some((r) => r.nonResourceURLs.includes('/version')));
    const elsewhere = (await vic.create(SSRR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: { namespace: 'other' } })).status as { resourceRules: { resources?: string[] }[] };
    assert.ok(!elsewhere.resourceRules.some((r) => r.resources?.includes('pods')), 'view does not apply in other namespaces');
  } finally {
    await cluster.stop();
  }
});

test('without authorization every review answers allowed', async () => {
  const cluster = await startCluster(false);
  const client = createInProcessClient(cluster);
  try {
    assert.equal(((await client.create(SAR, sar({ ...getSecrets, user: 'nobody' }))).status as { allowed: boolean }).allowed, true);
    assert.deepEqual((await client.create(SSRR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: { namespace: 'default' } })).status, {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });
  } finally {
    await cluster.stop();
  }
});

test('SelfSubjectReview reports the caller, stores nothing, and needs an authenticated caller', async () => {
  const SSR = resourceTypeOf('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false);
  const cluster = await startCluster();
  try {
    const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} };
    const olivia = createInProcessClient(cluster, { user: { name: 'olivia', uid: '1001', groups: ['ops', 'system:authenticated'], extra: { scopes: ['a', 'b'] } } });
    const review = await olivia.create(SSR, body);
    assert.deepEqual([review.apiVersion, review.kind], ['authentication.k8s.io/v1', 'SelfSubjectReview']);
    assert.deepEqual(review.status, { userInfo: { username: 'olivia', uid: '1001', groups: ['ops', 'system:authenticated'], extra: { scopes: ['a', 'b'] } } });
    assert.match(review.metadata.creationTimestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const bare = await createInProcessClient(cluster, { user: { name: 'bob', groups: ['system:authenticated'] } }).create(SSR, body);
    assert.deepEqual(bare.status, { userInfo: { username: 'bob', groups: ['system:authenticated'] } });
    assert.equal(cluster.store.count('/authentication.k8s.io/'), 0);
    await assert.rejects(createInProcessClient(cluster).create(SSR, body), (e: ClientError) => e.code === 400 && e.message === 'no user present on request: this server does not authenticate requests');
  } finally {
    await cluster.stop();
  }
});
