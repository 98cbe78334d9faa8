// ClusterRole aggregation: the pure union, and the controller running inside a logical cluster with
// the default admin/edit/view roles.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { builtinKinds } from '../../../api/builtin/index.js';
import { createInProcessClient } from '../../../client/inprocess.js';
import { resourceTypeOf } from '../../../client/resources.js';
import { createMemoryStore } from '../../../storage/memory.js';
import { LogicalCluster } from '../../logical-cluster.js';
import { aggregatedRules } from './aggregation.js';
import { createRbacAuthorizer } from './index.js';
import { rulesOf } from './policy.js';
import { clusterRole } from './testing.js';

const CLUSTER_ROLES = resourceTypeOf('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false);

async function startCluster(): Promise<LogicalCluster> {
  const cluster = new LogicalCluster({ name: '', store: createMemoryStore(), builtins: builtinKinds, log: pino({ level: 'silent' }), pathPrefix: '', authorization: createRbacAuthorizer });
  await cluster.start();
  return cluster;
}

test('aggregatedRules: union in name order, without duplicates, never the role itself', () => {
  const aggregate = { ...clusterRole('agg', [{ verbs: ['x'], apiGroups: [''], resources: ['self'] }], { pick: 'yes' }), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { pick: 'yes' } }] } };
  const b = clusterRole('b', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, { verbs: ['list'], apiGroups: [''], resources: ['pods'] }], { pick: 'yes' });
  const a = clusterRole('a', [{ verbs: ['list'], apiGroups: [''], resources: ['pods'] }, { verbs: ['get'], apiGroups: [''], resources: ['secrets'] }], { pick: 'yes' });
  const other = clusterRole('c', [{ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }], { pick: 'no' });
  assert.deepEqual(aggregatedRules(aggregate, [b, other, aggregate, a]), [
    { verbs: ['list'], apiGroups: [''], resources: ['pods'] },
    { verbs: ['get'], apiGroups: [''], resources: ['secrets'] },
    { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
  ]);
});

test('aggregatedRules: every selector adds its matches; an empty selector matches every role', () => {
  const aggregate = { ...clusterRole('agg', []), aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: '1' } }, { matchExpressions: [{ key: 'b', operator: 'Exists' }] }] } };
  const one = clusterRole('one', [{ verbs: ['get'], apiGroups: [''], resources: ['one'] }], { a: '1' });
  const two = clusterRole('two', [{ verbs: ['get'], apiGroups: [''], resources: ['two'] }], { b: 'x' });
  assert.deepEqual(aggregatedRules(aggregate, [one, two]).map((r) => r.resources![0]), ['one', 'two']);
  const everything = { ...clusterRole('all', []), aggregationRule: { clusterRoleSelectors: [{}] } };
  assert.deepEqual(aggregatedRules(everything, [one, two]).map((r) => r.resources![0]), ['one', 'two']);
});

test('the default admin, edit and view roles are aggregated at start: view ⊂ edit ⊂ admin, view without Secrets', async () => {
  const cluster = await startCluster();
  try {
    const get = (name: string) => rulesOf(cluster.store.get(`/rbac.authorization.k8s.io/clusterroles/${name}`)?.object);
    const view = get('view');
    const edit = get('edit');
    const admin = get('admin');
    assert.ok(view.length > 0 && edit.length > view.length && admin.length > edit.length, `sizes ${view.length} ${edit.length} ${admin.length}`);
    assert.ok(view.every((r) => !(r.resources ?? []).includes('secrets')), 'view grants nothing on secrets');
    assert.ok(edit.some((r) => (r.resources ?? []).includes('secrets') && r.verbs.includes('create')));
    assert.ok(admin.some((r) => (r.resources ?? []).includes('rolebindings')));
    for (const rule of view) assert.ok(edit.some((r) => JSON.stringify(r) === JSON.stringify(rule)), 'edit includes view');
  } finally {
    await cluster.stop();
  }
});

test('a ClusterRole labelled aggregate-to-view extends view, edit and admin, and leaves them when deleted', async () => {
  const cluster = await startCluster();
  const client = createInProcessClient(cluster);
  try {
    const rule = { verbs: ['get', 'list', 'watch'], apiGroups: ['fleet.kurator.dev'], resources: ['fleets'] };
    const has = (name: string) => rulesOf(cluster.store.get(`/rbac.authorization.k8s.io/clusterroles/${name}`)?.object).some((r) => r.apiGroups?.[0] === 'fleet.kurator.dev');
    await client.create(CLUSTER_ROLES, clusterRole('fleet-reader', [rule], { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }));
    await cluster.settle();
    assert.deepEqual(['view', 'edit', 'admin'].map(has), [true, true, true]);
    await client.delete(CLUSTER_ROLES, undefined, 'fleet-reader');
    await cluster.settle();
    assert.deepEqual(['view', 'edit', 'admin'].map(has), [false, false, false]);
  } finally {
    await cluster.stop();
  }
});

test('direct edits to an aggregated role\'s rules are put back', async () => {
  const cluster = await startCluster();
  const client = createInProcessClient(cluster);
  try {
    const view = await client.get(CLUSTER_ROLES, undefined, 'view');
    await client.update(CLUSTER_ROLES, { ...structuredClone(view!), rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] });
    await cluster.settle();
    const restored = rulesOf(cluster.store.get('/rbac.authorization.k8s.io/clusterroles/view')?.object);
    assert.ok(!restored.some((r) => r.verbs.includes('*')), 'the controller restored the aggregated rules');
  } finally {
    await cluster.stop();
  }
});
