// Default policy reconciliation: missing defaults are created, existing ones topped up (never trimmed)
// unless autoupdate=false, and bindings keep their extra subjects.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { builtinKinds } from '../../../api/builtin/index.js';
import { createInProcessClient } from '../../../client/inprocess.js';
import { resourceTypeOf } from '../../../client/resources.js';
import { createMemoryStore } from '../../../storage/memory.js';
import { LogicalCluster } from '../../logical-cluster.js';
import { bootstrapPolicy } from './bootstrap.js';
import { reconcileDefault, ensureBootstrapPolicy } from './reconcile.js';
import { rulesOf, subjectsOf } from './policy.js';
import { clusterRole } from './testing.js';

const CLUSTER_ROLES = resourceTypeOf('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false);
const CLUSTER_ROLE_BINDINGS = resourceTypeOf('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false);
const log = pino({ level: 'silent' });

test('bootstrapPolicy holds kube\'s defaults and Kurator\'s roles', () => {
  const names = bootstrapPolicy().map((o) => `${o.kind}/${o.metadata.name}`);
  for (const expected of ['ClusterRole/cluster-admin', 'ClusterRole/admin', 'ClusterRole/edit', 'ClusterRole/view', 'ClusterRole/system:basic-user', 'ClusterRole/system:public-info-viewer', 'ClusterRole/system:discovery', 'ClusterRole/kurator:fleet-admin', 'ClusterRole/kurator:fleet-viewer', 'ClusterRole/system:kurator:controller-manager', 'ClusterRoleBinding/cluster-admin', 'ClusterRoleBinding/system:kurator:controller-manager']) {
    assert.ok(names.includes(expected), expected);
  }
  const viewer = bootstrapPolicy().find((o) => o.metadata.name === 'kurator:fleet-viewer')!;
  assert.ok(rulesOf(viewer).every((r) => !(r.resources ?? []).some((res) => res === 'secrets' || res === '*')), 'fleet-viewer never reaches Secrets');
});

test('reconcileDefault adds what is missing and keeps what was added', () => {
  const expected = clusterRole('r', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }], { a: '1' });
  const existing = clusterRole('r', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, { verbs: ['delete'], apiGroups: [''], resources: ['nodes'] }], { b: '2' });
  const next = reconcileDefault(existing, expected)!;
  assert.deepEqual(next.metadata.labels, { a: '1', b: '2' });
  assert.deepEqual(rulesOf(next), [
    { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
    { verbs: ['delete'], apiGroups: [''], resources: ['nodes'] },
    { verbs: ['list'], apiGroups: [''], resources: ['pods'] },
  ]);
  assert.equal(reconcileDefault(next, expected), undefined, 'nothing left to add');
});

test('at start, trimmed defaults are restored unless autoupdate=false; extra subjects stay', async () => {
  const cluster = new LogicalCluster({ name: '', store: createMemoryStore(), builtins: builtinKinds, log, pathPrefix: '' });
  await cluster.start();
  const client = createInProcessClient(cluster);
  try {
    await ensureBootstrapPolicy(cluster, log);
    const basic = await client.get(CLUSTER_ROLES, undefined, 'system:basic-user');
    await client.update(CLUSTER_ROLES, { ...structuredClone(basic!), rules: [] });
    const discovery = await client.get(CLUSTER_ROLES, undefined, 'system:discovery');
    await client.update(CLUSTER_ROLES, { ...structuredClone(discovery!), metadata: { ...discovery!.metadata, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'false' } }, rules: [] });
    const binding = await client.get(CLUSTER_ROLE_BINDINGS, undefined, 'cluster-admin');
    await client.update(CLUSTER_ROLE_BINDINGS, { ...structuredClone(binding!), subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'ops' }] });
    await client.delete(CLUSTER_ROLES, undefined, 'kurator:fleet-viewer');

    await ensureBootstrapPolicy(cluster, log);
    assert.ok(rulesOf(await client.get(CLUSTER_ROLES, undefined, 'system:basic-user')).length > 0, 'topped up');
    assert.equal(rulesOf(await client.get(CLUSTER_ROLES, undefined, 'system:discovery')).length, 0, 'autoupdate=false is left alone');
    assert.deepEqual(subjectsOf((await client.get(CLUSTER_ROLE_BINDINGS, undefined, 'cluster-admin'))!).map((s) => s.name), ['ops', 'system:masters']);
    assert.ok(await client.get(CLUSTER_ROLES, undefined, 'kurator:fleet-viewer'), 'recreated');
  } finally {
    await cluster.stop();
  }
});
