// A logical cluster's RBAC is its own: the index its authorizer reads is created, kept fresh and stopped
// with the cluster.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { builtinKinds } from '../../../api/builtin/index.js';
import { createMemoryStore } from '../../../storage/memory.js';
import type { Store } from '../../../storage/store.js';
import { LogicalCluster } from '../../logical-cluster.js';
import type { AuthorizationAttributes } from '../types.js';
import { createRbacAuthorizer } from './index.js';
import { clusterRole, clusterRoleBinding, putObject } from './testing.js';

const readPods: AuthorizationAttributes = { user: { name: 'erin', groups: [] }, verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods', namespace: 'ns', name: 'p' };

function clusterOn(store: Store, name: string): LogicalCluster {
  return new LogicalCluster({ name, store, builtins: builtinKinds, log: pino({ level: 'silent' }), pathPrefix: name ? `/clusters/${name}` : '', authorization: createRbacAuthorizer });
}

test('each cluster authorizes by its own RBAC objects, kept fresh while it runs', async () => {
  const one = clusterOn(createMemoryStore(), 'one');
  const two = clusterOn(createMemoryStore(), 'two');
  await Promise.all([one.start(), two.start()]);
  try {
    await putObject(one.store, clusterRole('pod-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]));
    await putObject(one.store, clusterRoleBinding('erin-reads', 'pod-reader', 'User:erin'));
    assert.equal(one.authorizer?.authorize(readPods).allowed, true, 'the binding written to cluster one');
    assert.equal(two.authorizer?.authorize(readPods).allowed, false, 'nothing grants it in cluster two');
  } finally {
    await Promise.all([one.stop(), two.stop()]);
  }
});

test('an authorizer asked for a cluster that does not authorize says what is missing', () => {
  const cluster = new LogicalCluster({ name: 'plain', store: createMemoryStore(), builtins: builtinKinds, log: pino({ level: 'silent' }), pathPrefix: '' });
  assert.throws(() => createRbacAuthorizer(cluster), /cluster "plain" has no RBAC index/);
});
