// Propagation end to end through the APIs: policies and templates applied to the hub with kubectl, the
// member state read from the simulated members' own APIs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestFleet, type TestFleet } from '../support/fleet.js';
import type { Kubectl } from '../support/kubectl.js';
import { CORPUS_DIR } from '../support/corpus.js';
import { eventually } from '../support/wait.js';

const PROFILE = `
defaults: {nodes: 1, capacity: {cpu: "16", memory: 64Gi}}
clusters:
- {name: member1, labels: {region: eu-west-1}}
- {name: member2, labels: {region: us-east-1}}
- {name: cluster-prod-main, labels: {region: cn-north-1}}
- {name: cluster-prod-backup, labels: {region: cn-east-1}}
- {name: cluster-oversea, labels: {region: ap-southeast-1}}
- {name: edge-cluster-01, labels: {region: eu-central-1}}
`;
/** Registered in the seed's fleet.kurator.dev Cluster form (which has maintenance), not as an AttachedCluster. */
const SEED_CLUSTER = 'edge-cluster-01';

const WAIT = { timeoutMs: 20_000 };

const present = existsSync(CORPUS_DIR);

describe('propagation', { skip: present ? false : 'no ../shared/corpus beside the project' }, () => {
  let fleet: TestFleet;
  let kubectl: Kubectl;
  let member: Record<string, Kubectl>;

  before(async () => {
    fleet = await startTestFleet({ profile: PROFILE, seedClusters: [SEED_CLUSTER], controllerOptions: { defaultFailoverTolerationSeconds: 1 } });
    ({ kubectl, member } = fleet);
  });
  after(async () => {
    await fleet?.dispose();
  });

  test('the Karmada nginx sample: divided 1:1 over member1 and member2, with per-cluster label and annotation overrides', async () => {
    await kubectl.ok(['apply', '-f', join(CORPUS_DIR, 'karmada/nginx')]);
    for (const name of ['member1', 'member2']) {
      await eventually(`nginx on ${name}`, async () => (await member[name]!(['get', 'deploy', 'nginx'])).code === 0, WAIT);
    }
    const m1 = JSON.parse(await member.member1!.ok(['get', 'deploy', 'nginx', '-o', 'json']));
    const m2 = JSON.parse(await member.member2!.ok(['get', 'deploy', 'nginx', '-o', 'json']));
    assert.deepEqual([m1.spec.replicas, m2.spec.replicas], [1, 1]);
    assert.equal(m1.metadata.annotations.env, 'skoala-stage');
    assert.equal(m2.metadata.labels.env, 'skoala-dev');
    assert.equal(m2.metadata.labels['env-stat'], 'skoala-stage');
    assert.equal((await member['cluster-oversea']!(['get', 'deploy', 'nginx'])).code, 1, 'clusters outside the affinity get nothing');
    await kubectl.ok(['wait', '--for=condition=FullyApplied', 'rb/nginx-deployment', `--timeout=${WAIT.timeoutMs / 1000}s`]);
    assert.match(await kubectl.ok(['get', 'rb']), /^nginx-deployment\s+True\s+True\s/m, 'Scheduled and FullyApplied');
    // The scheduler applies its part of the status as its own field manager, beside the aggregated status.
    const rb = JSON.parse(await kubectl.ok(['get', 'rb', 'nginx-deployment', '-o', 'json', '--show-managed-fields'])) as { status: { aggregatedStatus?: unknown[] }; metadata: { managedFields: { manager: string; operation: string; subresource?: string; fieldsV1: { 'f:status'?: Record<string, unknown> } }[] } };
    const scheduler = rb.metadata.managedFields.find((m) => m.manager === 'kurator-scheduler');
    assert.deepEqual([scheduler?.operation, scheduler?.subresource], ['Apply', 'status']);
    assert.ok(scheduler?.fieldsV1['f:status']?.['f:conditions'], 'the Scheduled condition is the scheduler\'s');
    assert.equal(rb.status.aggregatedStatus?.length, 2, 'the members\' status is aggregated beside it');
    assert.match(await kubectl.ok(['get', 'work', '-A']), /^karmada-es-member1\s+default-nginx-deployment\s+Deployment\s+True\s/m);
    await eventually('the hub Deployment to show the members\' status summed', async () => /^nginx\s+2\/2\s+2\s+2\s/m.test(await kubectl.ok(['get', 'deploy', 'nginx'])), WAIT);
  });

  test('seed 01: the gateway gets 5/2/3 replicas by replicasOverrider and the oversea env override', async () => {
    await kubectl.ok(['apply', '-f', '-'], `apiVersion: v1
kind: Namespace
metadata: {name: gateway}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: edge-gateway, namespace: gateway}
spec:
  replicas: 1
  selector: {matchLabels: {app: edge-gateway}}
  template:
    metadata: {labels: {app: edge-gateway}}
    spec:
      containers:
      - name: gateway
        image: envoyproxy/envoy:v1.30
        env: [{name: UPSTREAM_URL, value: "https://gw.example.com"}]
`);
    await kubectl.ok(['apply', '-f', join(CORPUS_DIR, 'seeds/01-gateway-propagation.yaml')]);
    const expected: Record<string, [number, string]> = { 'cluster-prod-main': [5, 'https://gw.example.com'], 'cluster-prod-backup': [2, 'https://gw.example.com'], 'cluster-oversea': [3, 'https://gw-oversea.example.com'] };
    for (const [name, [replicas, url]] of Object.entries(expected)) {
      await eventually(`edge-gateway on ${name}`, async () => (await member[name]!(['get', 'deploy', 'edge-gateway', '-n', 'gateway'])).code === 0, WAIT);
      const deploy = JSON.parse(await member[name]!.ok(['get', 'deploy', 'edge-gateway', '-n', 'gateway', '-o', 'json']));
      assert.equal(deploy.spec.replicas, replicas, name);
      assert.equal(deploy.spec.template.spec.containers[0].env[0].value, url, name);
    }
    await eventually('the hub to sum 10 ready replicas', async () => /^edge-gateway\s+10\/1\s/m.test(await kubectl.ok(['get', 'deploy', 'edge-gateway', '-n', 'gateway'])), WAIT);
  });

  test('maintenance on a seed Cluster moves its workloads to the other clusters; ending it brings them back', async () => {
    await kubectl.ok(['apply', '-f', '-'], `apiVersion: apps/v1
kind: Deployment
metadata: {name: beacon, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: beacon}}
  template:
    metadata: {labels: {app: beacon}}
    spec: {containers: [{name: beacon, image: busybox}]}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: beacon, namespace: default}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: beacon}]
  placement:
    clusterAffinity: {clusterNames: [${SEED_CLUSTER}, member1]}
`);
    const present = async (name: string) => (await member[name]!(['get', 'deploy', 'beacon'])).code === 0;
    await eventually('beacon on both clusters', async () => (await present(SEED_CLUSTER)) && (await present('member1')), WAIT);
    await kubectl.ok(['patch', 'clusters.fleet.kurator.dev', SEED_CLUSTER, '--type', 'merge', '-p', '{"spec":{"maintenance":{"enabled":true,"reason":"Monthly security patching"}}}']);
    await eventually('beacon moved off the cluster in maintenance', async () => !(await present(SEED_CLUSTER)), WAIT);
    assert.ok(await present('member1'), 'the other cluster keeps it');
    await kubectl.ok(['patch', 'clusters.fleet.kurator.dev', SEED_CLUSTER, '--type', 'merge', '-p', '{"spec":{"maintenance":{"enabled":false}}}']);
    await eventually('beacon back after maintenance', async () => present(SEED_CLUSTER), WAIT);
  });

  test('a cluster outage past the toleration fails its replicas over; healing returns them without duplicates', async () => {
    await kubectl.ok(['apply', '-f', '-'], `apiVersion: apps/v1
kind: Deployment
metadata: {name: resilient, namespace: default}
spec:
  replicas: 4
  selector: {matchLabels: {app: resilient}}
  template:
    metadata: {labels: {app: resilient}}
    spec: {containers: [{name: app, image: busybox}]}
---
apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: {name: resilient, namespace: default}
spec:
  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: resilient}]
  placement:
    clusterAffinity: {clusterNames: [member1, member2]}
    replicaScheduling:
      replicaSchedulingType: Divided
      replicaDivisionPreference: Weighted
      weightPreference:
        staticWeightList:
        - {targetCluster: {clusterNames: [member1]}, weight: 1}
        - {targetCluster: {clusterNames: [member2]}, weight: 1}
`);
    const replicasOn = async (name: string): Promise<number | undefined> => {
      const res = await member[name]!(['get', 'deploy', 'resilient', '-o', 'jsonpath={.spec.replicas}']);
      return res.code === 0 ? Number(res.stdout) : undefined;
    };
    await eventually('replicas divided 2:2', async () => (await replicasOn('member1')) === 2 && (await replicasOn('member2')) === 2, WAIT);
    fleet.sim.faults.set('member2', { outage: 'unavailable' });
    await eventually('member1 takes all 4 replicas after the toleration', async () => (await replicasOn('member1')) === 4, WAIT);
    assert.match(await kubectl.ok(['get', 'rb', 'resilient-deployment', '-o', 'jsonpath={.spec.clusters}']), /"member1"/);
    fleet.sim.faults.heal('member2');
    await eventually('back to 2:2 once member2 is Ready again', async () => (await replicasOn('member1')) === 2 && (await replicasOn('member2')) === 2, { timeoutMs: 30_000 });
  });

  test('deleting the template removes it from the members', async () => {
    await kubectl.ok(['delete', 'deploy', 'nginx']);
    for (const name of ['member1', 'member2']) {
      await eventually(`nginx gone from ${name}`, async () => (await member[name]!(['get', 'deploy', 'nginx'])).code === 1, WAIT);
    }
    assert.doesNotMatch(await kubectl.ok(['get', 'work', '-A']), /default-nginx-deployment/);
  });
});
