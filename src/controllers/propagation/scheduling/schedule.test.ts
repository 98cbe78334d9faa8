// End-to-end scheduling decisions, including one per corpus placement (seeds 01, 13, 14, 20 and Karmada's
// nginx sample) with made-up clusters named as in those files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { ClusterInfo } from './cluster-info.js';
import { namespaceAllowed } from './filter.js';
import { scheduleBinding, type ScheduleInput, type ScheduleResult } from './schedule.js';
import type { Placement } from './types.js';

function corpusDir(): string | undefined {
  for (const start of [process.cwd(), dirname(fileURLToPath(import.meta.url))]) {
    for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) {
      if (!existsSync(join(dir, 'package.json'))) continue;
      const corpus = resolve(dir, '..', 'shared', 'corpus');
      if (existsSync(corpus)) return corpus;
      break;
    }
  }
  return undefined;
}

const CORPUS = corpusDir();

interface Doc {
  kind?: string;
  metadata?: { name?: string };
  spec?: { placement?: Placement; replicas?: number };
}

function corpusDoc(file: string, kind: string, name: string): Doc {
  const docs = parseAllDocuments(readFileSync(join(CORPUS!, file), 'utf8')).map((d) => d.toJS() as Doc);
  const doc = docs.find((d) => d?.kind === kind && d.metadata?.name === name);
  assert.ok(doc, `${file} has no ${kind} ${name}`);
  return doc;
}

const placementOf = (file: string, kind: string, name: string): Placement => {
  const placement = corpusDoc(file, kind, name).spec?.placement;
  assert.ok(placement, `${kind} ${name} has no placement`);
  return placement;
};

const cluster = (name: string, extra: Partial<ClusterInfo> = {}): ClusterInfo => ({
  name,
  labels: {},
  taints: [],
  ready: true,
  allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
  ...extra,
});

const spread = (result: ScheduleResult): Record<string, number> => {
  assert.ok('clusters' in result, `unexpected failure: ${JSON.stringify(result)}`);
  return Object.fromEntries(result.clusters.map((c) => [c.name, c.replicas]));
};

const UID = 'a'; // ascending tie order, see webster.ts

const ecommerceFleet = [
  cluster('asia-cluster', { labels: { environment: 'production', region: 'asia' } }),
  cluster('eu-cluster', { labels: { environment: 'production', region: 'eu' } }),
  cluster('us-cluster', { labels: { environment: 'production', region: 'us' } }),
  cluster('latam-cluster', { labels: { environment: 'production', region: 'latam' } }),
  cluster('dev-cluster', { labels: { environment: 'development', region: 'asia' } }),
];

const corpusTest = (name: string, fn: () => void): void => {
  test(name, { skip: CORPUS ? false : 'corpus not found beside the project' }, fn);
};

corpusTest('seed 01 gw-propagation: every named cluster runs the gateway (Duplicated)', () => {
  const placement = placementOf('seeds/01-gateway-propagation.yaml', 'PropagationPolicy', 'gw-propagation');
  const clusters = ['cluster-prod-main', 'cluster-prod-backup', 'cluster-oversea', 'cluster-staging'].map((n) => cluster(n));
  assert.deepEqual(spread(scheduleBinding({ placement, replicas: 3, clusters, tieBreakKey: UID })), {
    'cluster-oversea': 3,
    'cluster-prod-backup': 3,
    'cluster-prod-main': 3,
  });
  // A member that is not ready drops out until the policy tolerates it.
  clusters[2] = cluster('cluster-oversea', { ready: false });
  assert.deepEqual(spread(scheduleBinding({ placement, replicas: 3, clusters, tieBreakKey: UID })), {
    'cluster-prod-backup': 3,
    'cluster-prod-main': 3,
  });
});

corpusTest('seed 13 nginx-app-policy: two clusters, and only templates in namespace default', () => {
  const placement = placementOf('seeds/13-cluster-propagation-policy.yaml', 'ClusterPropagationPolicy', 'nginx-app-policy');
  assert.equal(namespaceAllowed(placement, 'default'), true);
  assert.equal(namespaceAllowed(placement, 'kube-system'), false);
  const clusters = ['cluster-1', 'cluster-2', 'cluster-3'].map((n) => cluster(n));
  assert.deepEqual(spread(scheduleBinding({ placement, replicas: 2, clusters, tieBreakKey: UID })), { 'cluster-1': 2, 'cluster-2': 2 });
});

corpusTest('seed 14 web-app-policy: Duplicated over production clusters', () => {
  const placement = placementOf('seeds/14-kurator-propagation-policies.yaml', 'PropagationPolicy', 'web-app-policy');
  assert.deepEqual(spread(scheduleBinding({ placement, replicas: 4, clusters: ecommerceFleet, tieBreakKey: UID })), {
    'asia-cluster': 4,
    'eu-cluster': 4,
    'latam-cluster': 4,
    'us-cluster': 4,
  });
});

corpusTest('seed 14 global-ecommerce: weights 50:30:20 over asia/eu/us', () => {
  const placement = placementOf('seeds/14-kurator-propagation-policies.yaml', 'PropagationPolicy', 'global-ecommerce');
  const schedule = (replicas: number): Record<string, number> =>
    spread(scheduleBinding({ placement, replicas, clusters: ecommerceFleet, tieBreakKey: UID }));
  assert.deepEqual(schedule(10), { 'asia-cluster': 5, 'eu-cluster': 3, 'us-cluster': 2 });
  assert.deepEqual(schedule(7), { 'asia-cluster': 4, 'eu-cluster': 2, 'us-cluster': 1 });
  // One replica goes to the heaviest weight; the others get none and are left out.
  assert.deepEqual(schedule(1), { 'asia-cluster': 1 });
});

corpusTest('seed 20 ecommerce-helm-policy: a HelmRelease has no replicas, so every production cluster gets it', () => {
  const placement = placementOf('seeds/20-helmrelease-propagation.yaml', 'ClusterPropagationPolicy', 'ecommerce-helm-policy');
  assert.equal(namespaceAllowed(placement, 'production'), true);
  assert.equal(namespaceAllowed(placement, 'staging'), false);
  assert.deepEqual(
    spread(
      scheduleBinding({
        placement,
        replicas: 0,
        clusters: ecommerceFleet,
        tieBreakKey: UID,
        resource: { apiVersion: 'helm.toolkit.fluxcd.io/v2beta1', kind: 'HelmRelease' },
      }),
    ),
    { 'asia-cluster': 0, 'eu-cluster': 0, 'latam-cluster': 0, 'us-cluster': 0 },
  );
});

corpusTest('karmada nginx-propagation: 2 replicas at 1:1 over member1 and member2', () => {
  const placement = placementOf('karmada/nginx/propagationpolicy.yaml', 'PropagationPolicy', 'nginx-propagation');
  const replicas = corpusDoc('karmada/nginx/deployment.yaml', 'Deployment', 'nginx').spec?.replicas;
  assert.equal(replicas, 2);
  const clusters = ['member1', 'member2', 'member3'].map((n) => cluster(n));
  assert.deepEqual(spread(scheduleBinding({ placement, replicas, clusters, tieBreakKey: UID })), { member1: 1, member2: 1 });
  // 3 replicas at 1:1 is an exact tie; the binding's tie order picks the cluster with 2.
  assert.deepEqual(spread(scheduleBinding({ placement, replicas: 3, clusters, tieBreakKey: 'a' })), { member1: 2, member2: 1 });
  assert.deepEqual(spread(scheduleBinding({ placement, replicas: 3, clusters, tieBreakKey: 'b' })), { member1: 1, member2: 2 });
});

const base = (extra: Partial<ScheduleInput>): ScheduleInput => ({
  placement: {},
  replicas: 1,
  clusters: [cluster('member1'), cluster('member2')],
  tieBreakKey: UID,
  ...extra,
});

test('schedule: no cluster fits', () => {
  const result = scheduleBinding(
    base({
      placement: { clusterAffinity: { clusterNames: ['member1'] } },
      clusters: [cluster('member1', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), cluster('member2'), cluster('member3')],
    }),
  );
  assert.deepEqual(result, {
    error:
      '0/3 clusters are available: 1 cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}, 2 cluster(s) did not match the placement cluster affinity constraint.',
    noClusterFit: true,
    reasons: {
      member1: 'cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}',
      member2: 'cluster(s) did not match the placement cluster affinity constraint',
      member3: 'cluster(s) did not match the placement cluster affinity constraint',
    },
  });
});

test('schedule: dynamic weights follow the capacity left for the pod template', () => {
  const placement: Placement = {
    replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } },
  };
  const clusters = [
    cluster('small', { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } }),
    cluster('large', { allocatable: { cpu: '8', memory: '16Gi', pods: '110' } }),
  ];
  // 1 cpu per replica: room for 2 and 8, so 10 replicas split 2:8.
  assert.deepEqual(spread(scheduleBinding(base({ placement, clusters, replicas: 10, podRequests: { cpu: '1' } }))), { large: 8, small: 2 });
  assert.deepEqual(scheduleBinding(base({ placement, clusters, replicas: 11, podRequests: { cpu: '1' } })), {
    error: 'Clusters available replicas 10 are not enough to schedule.',
  });
});

test('schedule: Aggregated uses the fewest clusters', () => {
  const placement: Placement = { replicaScheduling: { type: 'Aggregated' } };
  const clusters = [
    cluster('a', { allocatable: { cpu: '6', pods: '110' } }),
    cluster('b', { allocatable: { cpu: '12', pods: '110' } }),
    cluster('c', { allocatable: { cpu: '18', pods: '110' } }),
  ];
  assert.deepEqual(spread(scheduleBinding(base({ placement, clusters, replicas: 12, podRequests: { cpu: '1' } }))), { c: 12 });
});

test('schedule: Divided with no replicas puts the template on every selected cluster with 0', () => {
  const placement: Placement = { replicaScheduling: { type: 'Weighted', weights: { member1: 1 } } };
  assert.deepEqual(spread(scheduleBinding(base({ placement, replicas: 0 }))), { member1: 0, member2: 0 });
});

test('schedule: a cluster already running the workload keeps it despite a new taint', () => {
  const clusters = [cluster('member1', { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] }), cluster('member2')];
  const previous = [{ name: 'member1', replicas: 2 }];
  assert.deepEqual(spread(scheduleBinding(base({ clusters, replicas: 2, previous }))), { member1: 2, member2: 2 });
  assert.deepEqual(spread(scheduleBinding(base({ clusters, replicas: 2 }))), { member2: 2 });
});

test('schedule: clusterAffinities fall through to the next term when a term cannot schedule', () => {
  const placement: Placement = {
    clusterAffinities: [
      { affinityName: 'local', clusterNames: ['small'] },
      { affinityName: 'cloud', clusterNames: ['small', 'large'] },
    ],
    replicaScheduling: { type: 'Aggregated' },
  };
  const clusters = [cluster('small', { allocatable: { cpu: '2', pods: '110' } }), cluster('large', { allocatable: { cpu: '8', pods: '110' } })];
  const fits = scheduleBinding(base({ placement, clusters, replicas: 2, podRequests: { cpu: '1' } }));
  assert.deepEqual(fits, { clusters: [{ name: 'small', replicas: 2 }], affinityName: 'local' });
  const overflow = scheduleBinding(base({ placement, clusters, replicas: 6, podRequests: { cpu: '1' } }));
  assert.deepEqual(overflow, { clusters: [{ name: 'large', replicas: 6 }], affinityName: 'cloud' });
  const none = scheduleBinding(base({ placement, clusters, replicas: 20, podRequests: { cpu: '1' } }));
  assert.deepEqual(none, { error: 'Clusters available replicas 2 are not enough to schedule.' }, 'the first failure is reported');
});

test('schedule: spread constraint picks one cluster per region', () => {
  const placement: Placement = {
    spreadConstraints: [
      { spreadByField: 'region', minGroups: 2, maxGroups: 2 },
      { spreadByField: 'cluster', minGroups: 2, maxGroups: 2 },
    ],
  };
  const clusters = [
    cluster('east-1', { region: 'east' }),
    cluster('east-2', { region: 'east' }),
    cluster('west-1', { region: 'west' }),
    cluster('nowhere'),
  ];
  assert.deepEqual(spread(scheduleBinding(base({ placement, clusters, replicas: 1 }))), { 'east-1': 1, 'west-1': 1 });
});
