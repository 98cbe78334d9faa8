import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxSurge, maxUnavailable, resolveFenceposts, setNewReplicaSetAnnotations } from './deployment-util.js';
import type { Deployment, ReplicaSet } from './types-apps.js';
import type { IntOrString } from './types-core.js';

function d(replicas: number, surge?: IntOrString, unavailable?: IntOrString, type = 'RollingUpdate'): Deployment {
  return {
    metadata: { name: 'web', annotations: { 'kubernetes.io/change-cause': 'deploy v2', 'deployment.kubernetes.io/revision': '9', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
    spec: { replicas, selector: {}, template: { spec: { containers: [] } }, strategy: { type, rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
  };
}

// Upstream fencepost vectors: surge rounds up, unavailable rounds down, 0/0 becomes unavailable 1.
const cases: { replicas: number; surge?: IntOrString; unavailable?: IntOrString; want: [number, number] }[] = [
  { replicas: 10, want: [3, 2] },
  { replicas: 3, want: [1, 0] },
  { replicas: 1, want: [1, 0] },
  { replicas: 3, surge: 1, unavailable: 0, want: [1, 0] },
  { replicas: 3, surge: 0, unavailable: 0, want: [0, 1] },
  { replicas: 5, surge: '10%', unavailable: '10%', want: [1, 0] },
  { replicas: 5, surge: '50%', unavailable: '50%', want: [3, 2] },
  { replicas: 2, surge: '0%', unavailable: '10%', want: [0, 1] },
];
for (const c of cases) {
  test(`fenceposts for ${c.replicas} replicas, surge ${c.surge ?? '25%'}, unavailable ${c.unavailable ?? '25%'}`, () => {
    const { surge, unavailable } = resolveFenceposts(d(c.replicas, c.surge, c.unavailable));
    assert.deepEqual([surge, unavailable], c.want);
  });
}

test('maxUnavailable is capped at replicas and zero for Recreate', () => {
  assert.equal(maxUnavailable(d(2, 0, 5)), 2);
  assert.equal(maxUnavailable(d(0, 1, 1)), 0);
  assert.equal(maxUnavailable(d(4, 1, 1, 'Recreate')), 0);
  assert.equal(maxSurge(d(4, 1, 1, 'Recreate')), 0);
});

test('new ReplicaSet annotations: copied, revision raised with history, replica annotations on create', () => {
  const rs: ReplicaSet = { metadata: { name: 'web-abc', annotations: { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/revision-history': '' } }, spec: { selector: {}, template: { spec: { containers: [] } } } };
  assert.equal(setNewReplicaSetAnnotations(d(3, 1, 0), rs, 4, true), true);
  assert.deepEqual(rs.metadata.annotations, {
    'deployment.kubernetes.io/revision': '4',
    'deployment.kubernetes.io/revision-history': '1',
    'kubernetes.io/change-cause': 'deploy v2',
  });
  assert.equal(setNewReplicaSetAnnotations(d(3, 1, 0), rs, 4, true), false, 'idempotent');
  const created: ReplicaSet = { metadata: { name: 'web-def' }, spec: { selector: {}, template: { spec: { containers: [] } } } };
  setNewReplicaSetAnnotations(d(3, 1, 0), created, 5, false);
  assert.deepEqual(created.metadata.annotations, {
    'kubernetes.io/change-cause': 'deploy v2',
    'deployment.kubernetes.io/revision': '5',
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
  });
});
